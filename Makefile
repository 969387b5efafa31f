# Rasmi. `make run` to try it, `make test` for the whole suite.
BIN := .venv/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench eval lint venv demo messages clean

venv:
	@scripts/bootstrap.sh

demo: venv
	$(BIN)/rasmi migrate --noinput
	$(BIN)/rasmi load_directory
	$(BIN)/rasmi load_demo
	$(BIN)/rasmi load_demo_candidates
	$(BIN)/rasmi load_demo_posts
	$(BIN)/rasmi load_demo_inbox
	$(BIN)/rasmi load_demo_monitoring

run: demo
	@echo ""
	@echo "  Rasmi is at http://$(HOST):$(PORT)/   (staff: http://$(HOST):$(PORT)/staf/)"
	@echo "  A background worker publishes posts and processes the inbox; Ctrl-C stops all."
	@echo "  Crisis monitoring demo: in another terminal, .venv/bin/rasmi monitor_replay --organisation kkm"
	@echo ""
	@HOST=$(HOST) PORT=$(PORT) scripts/serve.sh

test:
	@scripts/test.sh

bench: venv
	@scripts/bench.sh

eval: venv
	@$(BIN)/python -m eval.run

lint: venv
	$(BIN)/ruff check rasmi e2e benchmarks eval

# Refresh the Bahasa Melayu catalogue from the code, then compile it. Translate the new
# entries in rasmi/locale/ms/LC_MESSAGES/django.po (any gettext editor) and run it again.
messages: venv
	cd rasmi && ../$(BIN)/rasmi makemessages -l ms --no-obsolete
	cd rasmi && ../$(BIN)/rasmi compilemessages -l ms

clean:
	rm -rf .venv var
