"""HallPay's domain and services: pure Python, no Qt, no SQL, no device libraries."""
