/*
 * The unit runner's suites, one per module. To add one: write
 * tests/unit/test_<module>.c exporting suite_<module>(), declare it here
 * and add it to the list in runner.c.
 */
#ifndef IPCSCOPE_TESTS_SUITES_H
#define IPCSCOPE_TESTS_SUITES_H

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

Suite	*suite_item(void);
Suite	*suite_json(void);
Suite	*suite_event(void);
Suite	*suite_procfs(void);
Suite	*suite_runfile(void);
Suite	*suite_clean(void);
Suite	*suite_session(void);
Suite	*suite_visible(void);
Suite	*suite_limits(void);
Suite	*suite_json_read(void);
Suite	*suite_snapshot_read(void);
Suite	*suite_audit(void);
Suite	*suite_settle(void);
Suite	*suite_scenario(void);
Suite	*suite_verdict(void);
Suite	*suite_theme(void);
Suite	*suite_watch(void);
Suite	*suite_code(void);
Suite	*suite_bench_stats(void);
Suite	*suite_step_decode(void);
Suite	*suite_lesson(void);
Suite	*suite_graph(void);

/* Helpers shared by the suites (unit.c, snapshots.c). */

/* A fresh private directory under $TMPDIR, removed when the test exits. */
const char	*unit_tmpdir(void);
/* Remember a System V object to remove if the test dies half-way. */
void		 unit_track(char kind, int id);	/* 'm' shm, 's' sem, 'q' msg */
/*
 * The runner's list of what the tests made (leftovers.c), shared with
 * every test process: made before the first fork, swept after the last
 * test (what a dead test left, removed with proof that it is the test's;
 * the number removed, each named on out). unit_track and unit_tmpdir
 * fill it.
 */
void		 unit_leftovers_init(void);
int		 unit_leftovers_sweep(FILE *out);
void		 unit_leftovers_sysv(char kind, int id);
void		 unit_leftovers_forget(char kind, int id);
void		 unit_leftovers_dir(const char *path, bool gone);
/* At a passing test's exit, before its temp dir goes: the objects its
 * runs still hold are removed and counted as left (the sweep's number). */
void		 unit_leftovers_exit_dir(const char *path);
/* Remove a tracked object now and forget it; returns what IPC_RMID did. */
int		 unit_rmid(char kind, int id);
/* Poll cond(arg) every 1 ms until true or ms have passed. */
bool		 unit_poll(bool (*cond)(void *), void *arg, int ms);
/* Milliseconds on the monotonic clock. */
long		 unit_now_ms(void);
/* The state letter of /proc/PID/stat, '-' if gone. */
char		 unit_proc_state(pid_t);

struct snapshot;
/* Every kind of object and every field set, each to a value of its own. */
void		 unit_fill_every_field(struct snapshot *);

/* Real --json lines, taken once by real_lines.sh (real_lines.c). */
struct unit_line {
	const char	*transport;
	const char	*what;		/* what the run had done */
	const char	*line;		/* as printed, without its newline */
};
extern const struct unit_line	unit_real_lines[];
extern const size_t		unit_nreal_lines;

#endif
