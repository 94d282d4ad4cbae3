# HallPay. The two front doors: `make run` and `make test`. Both set up what they need first.
PY := .venv/bin/python
DATA ?= $(HOME)/.local/share/HallPay

.PHONY: setup run test dated lint typecheck bench screenshot clean translations docs dist deb console-screenshots

setup:
	@./.ci/setup.sh

run: setup
	$(PY) main.py gui --data-dir "$(DATA)"

# The date-sensitive tests (late fees, shifts, backups, keys, sync, partitions, reports), run again with the
# machine's wall clock moved (tests/conftest.py, time-machine) to the instants that break real systems: the
# last second of a month, the year end, a leap day, and a month no ledger has a partition for (issue 25).
DATED_TESTS := tests/unit/test_latefee.py tests/unit/test_shift_figures.py tests/unit/test_backup.py \
  tests/unit/test_provisioning.py tests/integration/test_dated_instants.py \
  tests/integration/test_journal_partitions.py tests/integration/test_backup.py \
  tests/integration/test_provisioning_keys.py tests/integration/test_shift_close.py \
  tests/integration/test_reported_heads.py::test_a_push_cut_on_the_wire_shows_what_head_office_holds \
  tests/integration/test_sync_faults.py::test_commit_heard_by_nobody_then_resent \
  tests/integration/test_sync_fork.py::test_same_id_syncing_at_the_same_moment_one_counted_one_quarantined
WALL_CLOCKS := 2026-11-30T23:59:59+08:00 2026-12-31T23:59:59+08:00 2028-02-29T23:59:59+08:00 \
  2031-07-15T10:00:00+08:00

test: setup
# The card-reader tests share one vpcd port and one virtual card: they run serially in a pytest of their own
# (mostly waiting on pcscd), beside the rest on two xdist workers; both must pass.
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -m pcsc tests > .pcsc-tests.log 2>&1 & pcsc=$$!; \
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -n 2 -m 'not pcsc' tests; rc=$$?; \
	wait $$pcsc; prc=$$?; echo '== card-reader tests (pcscd + vpcd), run beside the others:'; cat .pcsc-tests.log; \
	test $$rc -eq 0 && test $$prc -eq 0
	$(MAKE) --no-print-directory dated
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

# The date-sensitive tests at each pinned wall clock, side by side (each its own PostgreSQL; they mostly
# wait on fsync and the server). `make test` runs it; alone: `make dated`.
dated: setup
	@pids=""; for at in $(WALL_CLOCKS); do \
	  HALLPAY_TEST_WALLCLOCK=$$at QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider $(DATED_TESTS) \
	    > .dated-$$at.log 2>&1 & pids="$$pids $$!"; done; \
	fail=0; for p in $$pids; do wait $$p || fail=1; done; \
	for at in $(WALL_CLOCKS); do echo "== the date-sensitive tests, wall clock at $$at:"; tail -n 15 .dated-$$at.log; \
	  rm -f .dated-$$at.log; done; test $$fail -eq 0

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: setup
	$(PY) -m mypy

bench: setup
	$(PY) main.py bench

screenshot: setup
	QT_QPA_PLATFORM=offscreen $(PY) main.py screenshot --page counter docs/counter.png

# The web console's pictures (docs/img/console-*.png), taken by its browser test in headless chromium.
console-screenshots: setup
	HALLPAY_CONSOLE_SCREENSHOTS=$(CURDIR)/docs/img $(PY) -m pytest -q -p no:cacheprovider tests/console/test_browser.py

GUIDE_PAGES := counter paid history void shift settings recharge arrears collection audit display keys login lock
translations: setup
	$(PY) -m ui.i18n.build

# The guide's pictures: every page in Chinese and English, on a scratch demo terminal with a pinned clock.
docs: translations
	rm -rf build/docs-data
	for page in $(GUIDE_PAGES); do for lang in zh_CN en; do \
	  HALLPAY_NOW=2026-11-23T10:00:00+08:00 QT_QPA_PLATFORM=offscreen $(PY) main.py screenshot \
	    --data-dir build/docs-data --page $$page --lang $$lang docs/img/$$page-$${lang%_CN}.png || exit 1; \
	done; done

# The installers (docs/install.md). dist: dist/hallpay/, a folder that runs without Python (PyInstaller,
# about a minute here), checked by starting it offscreen; deb: dist/hallpay_<version>_<arch>.deb for UOS/Kylin.
dist: translations
	$(PY) -c "import usb, serial" 2>/dev/null || $(PY) -m pip install -q -e '.[dev,devices]'
	rm -rf dist/hallpay build/pyinstaller build/dist-check
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/hallpay.spec
	QT_QPA_PLATFORM=offscreen dist/hallpay/hallpay screenshot --page counter build/dist-check/counter.png \
	  --data-dir build/dist-check/data
	@du -sh dist/hallpay

deb: dist
	packaging/build_deb.sh

clean:
	rm -rf .venv build dist *.egg-info
