# Comptoir — developer entry points.
#   make deps    install Debian packages + web/ npm packages (idempotent, fast)
#   make build   configure (once) and build with CMake/Ninja into build/
#   make run     build, then run the server (override: make run ARGS="serve --data /tmp/x")
#   make test    build, start throw-away PostgreSQL + SMTP sink, run ctest
#   make bench   build, then bench/run.sh (1M clients: load and search)
#   make bench-invoices   build, then invoices created/validated/downloaded per second
#   make bench-import   build, then a generated 100,000-row client file imported (rows/s, seconds)
#   make clean   remove build/

SHELL := /bin/bash

BUILD_DIR := build
BUILD_TYPE ?= RelWithDebInfo
BIN := $(BUILD_DIR)/src/app/comptoir
ARGS ?= serve --data ./data
PG_DIR := $(BUILD_DIR)/pgtest
SMTP_DIR := $(BUILD_DIR)/smtp

.PHONY: all deps build run test bench bench-invoices bench-import clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	@if [ ! -f $(BUILD_DIR)/build.ninja ] && [ ! -f $(BUILD_DIR)/Makefile ]; then \
	  cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE); \
	fi
	cmake --build $(BUILD_DIR) -j$$(nproc)

run: build
	./$(BIN) $(ARGS)

# One shell for the whole run so the trap always stops the PostgreSQL cluster
# and the SMTP sink, whether ctest passes, fails or is interrupted. ctest's
# exit status is make's; nothing is printed after its summary.
test: build
	@set -euo pipefail; \
	trap 'bash scripts/smtp-server.sh stop $(SMTP_DIR); bash scripts/pg-cluster.sh stop $(PG_DIR)' EXIT; \
	trap 'exit 130' INT TERM; \
	bash scripts/pg-cluster.sh start $(PG_DIR); \
	bash scripts/smtp-server.sh start $(SMTP_DIR); \
	export COMPTOIR_TEST_PG_URL="$$(cat $(PG_DIR)/url)"; \
	export COMPTOIR_TEST_SMTP_PORT="$$(cat $(SMTP_DIR)/port)"; \
	export COMPTOIR_TEST_SMTP_DIR="$(abspath $(SMTP_DIR))"; \
	export COMPTOIR_BIN="$(abspath $(BIN))"; \
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j2

bench: build
	bash bench/run.sh

# Invoices created, validated (numbered, PDF stored, hash chained) and downloaded per second.
bench-invoices: build
	BENCH_SUITE=invoices bash bench/run.sh

# A generated client file of 100,000 rows uploaded, dry-run and imported (target: under 60 s).
bench-import: build
	BENCH_SUITE=import BENCH_IMPORT_DRY_RUN=1 bash bench/run.sh

clean:
	-@bash scripts/smtp-server.sh stop $(SMTP_DIR)
	-@bash scripts/pg-cluster.sh stop $(PG_DIR)
	rm -rf $(BUILD_DIR)
