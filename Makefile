# HallPay. The two front doors: `make run` and `make test`. Both set up what they need first.
PY := .venv/bin/python
DATA ?= $(HOME)/.local/share/HallPay

.PHONY: setup run test lint typecheck bench screenshot clean

setup:
	@./.ci/setup.sh

run: setup
	$(PY) main.py gui --data-dir "$(DATA)"

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider tests
	$(PY) -m ruff check .
	$(PY) -m mypy

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: setup
	$(PY) -m mypy

bench: setup
	$(PY) main.py bench

screenshot: setup
	QT_QPA_PLATFORM=offscreen $(PY) main.py screenshot --page counter docs/counter.png

clean:
	rm -rf .venv build dist *.egg-info
