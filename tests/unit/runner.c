/*
 * The unit runner: every suite, each test in its own forked process (Check's
 * default) so a test that blocks, crashes or leaves a child cannot take the
 * others down. The closing line is Check's "100%: Checks: N, ..." summary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "suites.h"

extern char **environ;

int
main(int argc, char *argv[])
{
	SRunner	*sr;
	int	 failed, left;

	(void)argc;
	/* Workers forked by the session suites retitle themselves. */
	setproctitle_init(argc, argv, environ);
	unit_leftovers_init();
	sr = srunner_create(suite_item());
	srunner_add_suite(sr, suite_json());
	srunner_add_suite(sr, suite_event());
	srunner_add_suite(sr, suite_procfs());
	srunner_add_suite(sr, suite_runfile());
	srunner_add_suite(sr, suite_clean());
	srunner_add_suite(sr, suite_session());
	srunner_add_suite(sr, suite_visible());
	srunner_add_suite(sr, suite_limits());
	srunner_add_suite(sr, suite_json_read());
	srunner_add_suite(sr, suite_snapshot_read());
	srunner_add_suite(sr, suite_audit());
	srunner_add_suite(sr, suite_settle());
	srunner_add_suite(sr, suite_scenario());
	srunner_add_suite(sr, suite_verdict());
	srunner_add_suite(sr, suite_theme());
	srunner_add_suite(sr, suite_watch());
	srunner_add_suite(sr, suite_code());
	srunner_add_suite(sr, suite_bench_stats());
	srunner_add_suite(sr, suite_step_decode());
	srunner_add_suite(sr, suite_lesson());
	srunner_add_suite(sr, suite_graph());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	/* What a dead test left goes; what a passing one left fails the run. */
	left = unit_leftovers_sweep(stdout);
	return (failed != 0 || left != 0);
}
