# ipcscope: make, make run, make check, make install (PREFIX, DESTDIR).
PREFIX	?= /usr/local
BUILD	?= build
PKGS	 = ncursesw libbsd-overlay libdw
# What a fresh Debian/Ubuntu machine lacks for building and for the tests.
DEB_BUILD = build-essential pkg-config libncurses-dev libbsd-dev libdw-dev
DEB_CHECK = check tmux util-linux procps jq groff-base python3 strace
# make fuzz only: clang, and libFuzzer's runtime (Debian 12: in libclang-rt-14-dev).
DEB_FUZZ = clang libclang-rt-14-dev

CC	?= cc
CFLAGS	?= -O2 -g
WARN	 = -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes \
	   -Wstrict-prototypes -Wformat=2 -Wundef -Wwrite-strings
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) -Iinclude \
	   $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(CFLAGS)
LIBS	 = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lrt
# The bench's log-scale bars.
LIBS	+= -lm
# Where make install puts the scenarios: the last place --scenario looks.
ALL_CFLAGS += -DIPCSCOPE_SCENARIO_DIR='"$(PREFIX)/share/ipcscope/scenarios"'
# Where make install puts the lessons' files and their programs.
ALL_CFLAGS += -DIPCSCOPE_LESSON_DIR='"$(PREFIX)/share/ipcscope/lessons"' \
	   -DIPCSCOPE_LESSON_PROG_DIR='"$(PREFIX)/libexec/ipcscope/lessons"'

SRC	 = $(sort $(wildcard src/*.c src/*/*.c))
OBJ	 = $(SRC:%.c=$(BUILD)/%.o)
BIN	 = $(BUILD)/ipcscope
# The lessons' programs: textbook C, built as a class would build them
# (-g -O0, so that step shows each call's source line), beside the binary.
LESSON_SRC = $(sort $(wildcard assets/lessons/*.c))
LESSONS	 = $(LESSON_SRC:assets/lessons/%.c=$(BUILD)/lessons/%)

.PHONY: all run check test unit e2e asan deps check-deps install uninstall lessons \
	clean layering manlint fuzz fuzz-deps mutants bench-watch bench

all: deps $(BIN) $(LESSONS)

# make V=1 shows the whole compiler lines.
Q	 = $(if $(V),,@)

$(BIN): $(OBJ)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(OBJ) $(LDFLAGS) $(LIBS)

$(BUILD)/%.o: %.c $(wildcard include/ipcscope/*.h)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The lessons' programs alone (tests/mutants/run.sh builds them so).
lessons: $(LESSONS)

$(LESSONS): $(BUILD)/lessons/%: assets/lessons/%.c
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) -std=c11 -Wall -Wextra -Werror -g -O0 -o $@ $<

# The screen's own header: its objects, and the theme test that reads it.
$(filter $(BUILD)/src/ui/%,$(OBJ)) $(BUILD)/tests/unit/test_theme.o: \
    src/ui/ui_int.h

# The tracer's own header: its objects (a struct tracer of two layouts
# in one binary is memory written in the wrong place).
$(filter $(BUILD)/src/step/%,$(OBJ)): src/step/tracer_int.h

# The bench's own header: its objects, and the unit test that reads it.
$(filter $(BUILD)/src/bench/%,$(OBJ)) $(BUILD)/tests/unit/test_bench_stats.o: \
    src/bench/bench_int.h

# Install what the build needs, saying so; nothing when all is there.
deps:
	@missing=""; for p in $(DEB_BUILD); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "ipcscope: installing what the build lacks:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && $$sudo apt-get install -y -qq $$missing; \
	fi

check-deps: deps
	@missing=""; for p in $(DEB_CHECK); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "ipcscope: installing what the tests lack:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && $$sudo apt-get install -y -qq $$missing; \
	fi

run: all
	./$(BIN)

# Nothing under src/core or src/transport may know about curses.
layering:
	@if grep -rlE '#include <n?curses' src/core src/transport src/headless \
	    src/replay src/watch include/ipcscope \
	    | grep -v 'include/ipcscope/ui.h'; then \
	  echo "layering: curses included outside src/ui"; exit 1; fi

# The tests. tests/suite.sh runs the unit runner, every e2e story against
# a stand-in that does nothing (each must fail), and every e2e story, in
# private IPC, mount and PID namespaces, and checks nothing was left; make
# check does it for this build, then (the stand-in aside) for an ASan +
# UBSan one.
CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null)
UNIT_SRC = $(sort $(wildcard tests/unit/*.c))
UNIT_OBJ = $(UNIT_SRC:%.c=$(BUILD)/%.o)
UNIT	 = $(BUILD)/unit
FAULT	 = $(BUILD)/fault.so
ASAN_BUILD ?= build/asan
SAN	 = -fsanitize=address,undefined -fno-omit-frame-pointer
# A sanitized binary runs about twice as slow: so may its stories
# (headless-errors starts ipcscope some 550 times).
ASAN_E2E_TIMEOUT ?= 120
SAN_ENV	 = ASAN_OPTIONS=detect_leaks=1 \
	   UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# The lessons' programs, beside each binary the tests run (the sanitizer
# build's too: a lesson looks for them next to the binary). They are the
# class's programs, never built with the sanitizers.
ASAN_LESSONS = $(LESSON_SRC:assets/lessons/%.c=$(ASAN_BUILD)/lessons/%)
check e2e: $(LESSONS)
asan: $(ASAN_LESSONS)
ifneq ($(BUILD),$(ASAN_BUILD))
$(ASAN_LESSONS): $(ASAN_BUILD)/lessons/%: assets/lessons/%.c
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) -std=c11 -Wall -Wextra -Werror -g -O0 -o $@ $<
endif

# Every object but main.o: ui_main is referenced only there.
$(UNIT): $(UNIT_OBJ) $(filter-out $(BUILD)/src/main.o,$(OBJ))
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS) $(CHECK_LIBS)

$(BUILD)/tests/unit/%.o: tests/unit/%.c tests/unit/suites.h \
    $(wildcard include/ipcscope/*.h)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

# The tests' fault injector (LD_PRELOAD), never linked into ipcscope.
$(FAULT): tests/fault/fault.c
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) -std=c11 -D_GNU_SOURCE $(WARN) -O1 -g -shared -fPIC -o $@ $< -ldl

check: check-deps
	@$(MAKE) --no-print-directory BUILD=$(BUILD) $(BIN) $(UNIT) $(FAULT) \
	    layering manlint
	@tests/suite.sh $(BUILD)
	@echo "ipcscope: the same again, built with $(SAN) in $(ASAN_BUILD)"
	@$(MAKE) --no-print-directory asan
	@$(SAN_ENV) E2E_TIMEOUT=$(ASAN_E2E_TIMEOUT) SUITE_PARTS="unit e2e" \
	    tests/suite.sh $(ASAN_BUILD)

test: check

unit: check-deps
	@$(MAKE) --no-print-directory BUILD=$(BUILD) $(BIN) $(UNIT)
	@SUITE_PARTS=unit tests/suite.sh $(BUILD)

e2e: check-deps
	@$(MAKE) --no-print-directory BUILD=$(BUILD) $(BIN) $(UNIT) $(FAULT)
	@SUITE_PARTS="standin e2e" tests/suite.sh $(BUILD)

# Mutation testing, not part of check (a build and a suite pass per
# mutant): every tests/mutants/*.patch must be killed. M="NAME ..." runs
# only those.
mutants: check-deps
	@tests/mutants/run.sh $(M)

asan:
	@$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) \
	    CFLAGS="-O1 -g $(SAN)" LDFLAGS="$(SAN)" \
	    $(ASAN_BUILD)/ipcscope $(ASAN_BUILD)/unit $(ASAN_BUILD)/fault.so

# libFuzzer on the JSON reader, then on the snapshot reader (a round trip
# through the writer), each for FUZZ_SECONDS; not part of make check. The
# kept corpora (tests/fuzz/corpus/json_read, .../snapshot_read) only seed
# the runs: what the fuzzer finds goes to $(BUILD)/fuzz/corpus and
# $(BUILD)/fuzz/corpus-snapshot_read, a crash to $(BUILD)/fuzz/.
FUZZ_SECONDS ?= 60
FUZZ_CC	 ?= clang
FUZZ_SAN = -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	   -fno-omit-frame-pointer
FUZZ_BIN = $(BUILD)/fuzz/fuzz_json_read
FUZZ_SRC = tests/fuzz/fuzz_json_read.c src/core/json_read.c src/core/xmalloc.c
FUZZ_SNAP_BIN = $(BUILD)/fuzz/fuzz_snapshot_read
FUZZ_SNAP_SRC = tests/fuzz/fuzz_snapshot_read.c src/core/snapshot_read.c \
	   src/core/snapshot.c src/core/snapshot_json.c src/core/json.c \
	   src/core/json_read.c src/core/board.c src/core/xmalloc.c \
	   src/core/verdict.c

# The scenario parser's target (tests/fuzz/corpus/scenario seeds it).
FUZZ_SCN_BIN = $(BUILD)/fuzz/fuzz_scenario
FUZZ_SCN_SRC = tests/fuzz/fuzz_scenario.c src/core/scenario.c \
	   src/core/visible.c

fuzz-deps:
	@missing=""; for p in $(DEB_FUZZ); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "ipcscope: installing what make fuzz lacks:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && $$sudo apt-get install -y -qq $$missing; \
	fi

$(FUZZ_BIN): $(FUZZ_SRC) $(wildcard include/ipcscope/*.h)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  FUZZCC  $@")
	$(Q)$(FUZZ_CC) -std=c11 -D_GNU_SOURCE $(WARN) -Iinclude \
	    $(shell pkg-config --cflags libbsd-overlay) -O1 -g $(FUZZ_SAN) \
	    -o $@ $(FUZZ_SRC) $(shell pkg-config --libs libbsd-overlay)

$(FUZZ_SNAP_BIN): $(FUZZ_SNAP_SRC) $(wildcard include/ipcscope/*.h)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  FUZZCC  $@")
	$(Q)$(FUZZ_CC) -std=c11 -D_GNU_SOURCE $(WARN) -Iinclude \
	    $(shell pkg-config --cflags libbsd-overlay) -O1 -g $(FUZZ_SAN) \
	    -o $@ $(FUZZ_SNAP_SRC) $(shell pkg-config --libs libbsd-overlay)

$(FUZZ_SCN_BIN): $(FUZZ_SCN_SRC) $(wildcard include/ipcscope/*.h)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  FUZZCC  $@")
	$(Q)$(FUZZ_CC) -std=c11 -D_GNU_SOURCE $(WARN) -Iinclude \
	    $(shell pkg-config --cflags libbsd-overlay) -O1 -g $(FUZZ_SAN) \
	    -o $@ $(FUZZ_SCN_SRC) $(shell pkg-config --libs libbsd-overlay)

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory BUILD=$(BUILD) $(FUZZ_BIN) $(FUZZ_SNAP_BIN) \
	    $(FUZZ_SCN_BIN)
	@mkdir -p $(BUILD)/fuzz/corpus $(BUILD)/fuzz/corpus-snapshot_read
	$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -timeout=10 \
	    -dict=tests/fuzz/json.dict -artifact_prefix=$(BUILD)/fuzz/ \
	    $(BUILD)/fuzz/corpus tests/fuzz/corpus/json_read
	$(FUZZ_SNAP_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=16384 \
	    -timeout=10 -dict=tests/fuzz/snapshot.dict \
	    -artifact_prefix=$(BUILD)/fuzz/snapshot_read- \
	    $(BUILD)/fuzz/corpus-snapshot_read tests/fuzz/corpus/snapshot_read
	@mkdir -p $(BUILD)/fuzz/corpus-scenario
	$(FUZZ_SCN_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	    -timeout=10 -dict=tests/fuzz/scenario.dict \
	    -artifact_prefix=$(BUILD)/fuzz/scenario- \
	    $(BUILD)/fuzz/corpus-scenario tests/fuzz/corpus/scenario

# watch with 1,000 segments, queues and sets, in a private IPC namespace:
# one frame's sampling against reading /proc/sysvipc alone, medians side
# by side, and the screen's frames per second. Not part of make check.
WATCH_BENCH = $(BUILD)/bench/watch_bench

$(WATCH_BENCH): tests/bench/watch_bench.c $(filter-out $(BUILD)/src/main.o,$(OBJ))
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS)

bench-watch: deps
	@$(MAKE) --no-print-directory BUILD=$(BUILD) $(BIN) $(WATCH_BENCH)
	@unshare --ipc -- $(WATCH_BENCH) $(abspath $(BIN)) || \
	    { echo "bench-watch: needs unshare --ipc (root, or user namespaces)"; exit 1; }

# ipcscope bench, the default set, then the same against the reference
# program, side by side (not part of make check; some ten minutes).
BENCH_REF = $(BUILD)/bench-ref
$(BENCH_REF): tests/bench/ref.c
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< -lrt

# Why a handoff between two CPUs stays far below memcpy: a copy of bytes
# another CPU has just written, against bytes this CPU wrote.
BENCH_XCORE = $(BUILD)/bench-xcore
$(BENCH_XCORE): tests/bench/xcore.c
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -pthread -o $@ $<

bench: deps
	@$(MAKE) --no-print-directory BUILD=$(BUILD) $(BIN) $(BENCH_REF) \
	    $(BENCH_XCORE)
	@./$(BIN) bench $(BENCH_ARGS)
	@tests/bench/compare.sh ./$(BIN) ./$(BENCH_REF)
	@./$(BENCH_XCORE) 65536

# The man page must render without a warning.
manlint:
	@out=$$(groff -man -Tutf8 -ww -z assets/ipcscope.1 2>&1); \
	if [ -n "$$out" ]; then echo "$$out"; exit 1; fi

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/ipcscope
	install -m 0644 assets/ipcscope.1 $(DESTDIR)$(PREFIX)/share/man/man1/ipcscope.1
	install -d $(DESTDIR)$(PREFIX)/share/ipcscope/scenarios
	install -m 0644 assets/scenarios/*.scn $(DESTDIR)$(PREFIX)/share/ipcscope/scenarios
	install -d $(DESTDIR)$(PREFIX)/share/ipcscope/lessons \
	    $(DESTDIR)$(PREFIX)/libexec/ipcscope/lessons
	install -m 0644 assets/lessons/*.lesson $(DESTDIR)$(PREFIX)/share/ipcscope/lessons
	install -m 0644 assets/lessons/*.c $(DESTDIR)$(PREFIX)/share/ipcscope/lessons
	install -m 0755 $(LESSONS) $(DESTDIR)$(PREFIX)/libexec/ipcscope/lessons

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/ipcscope $(DESTDIR)$(PREFIX)/share/man/man1/ipcscope.1
	rm -rf $(DESTDIR)$(PREFIX)/share/ipcscope/scenarios
	rm -rf $(DESTDIR)$(PREFIX)/share/ipcscope/lessons \
	    $(DESTDIR)$(PREFIX)/libexec/ipcscope/lessons

clean:
	rm -rf build
