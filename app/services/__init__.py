"""Use cases. Each public function/method is one unit of work."""
