/* The scenario parser: good files, and each error with its line and column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/graph.h"
#include "ipcscope/role.h"
#include "ipcscope/scenario.h"
#include "ipcscope/snapshot.h"
#include "ipcscope/transport.h"
#include "suites.h"

static struct scenario	scn;
static char		err[1024];

/* A stand-in for main.c's option table. */
static enum scn_kind
lookup(const char *name)
{
	static const char	*valued[] = { "transport", "slots", "producers",
	    "consumers", "speed", "graph", NULL };
	int			 i;

	for (i = 0; valued[i] != NULL; i++)
		if (strcmp(name, valued[i]) == 0)
			return (SCN_VALUED);
	if (strcmp(name, "mailbox") == 0 || strcmp(name, "run") == 0)
		return (SCN_FLAG);
	if (strcmp(name, "headless") == 0 || strcmp(name, "keys") == 0)
		return (SCN_CMDLINE_ONLY);
	return (SCN_NOT_OPTION);
}

static int
parse(const char *text)
{
	return (scenario_parse(text, strlen(text), "t.scn", lookup, &scn, err,
	    sizeof(err)));
}

/* text fails with exactly want. */
static void
bad(const char *text, const char *want)
{
	ck_assert_int_eq(parse(text), -1);
	ck_assert_str_eq(err, want);
}

START_TEST(a_whole_file)
{
	const char	*text =
	    "# a comment\n"
	    "title \"Fill \\\"it\\\" \\\\ up\"   # after the title\n"
	    "\n"
	    "transport sysv-shm\n"
	    "\tslots 4\n"
	    "mailbox\n"
	    "speed \"200\"\n"
	    "step P1\n"
	    "step C8 12   # twelve\n"
	    "kill P2\n"
	    "caption \"é — ünïcode # not a comment\"\n"
	    "pause\n"
	    "pause";

	ck_assert_int_eq(parse(text), 0);
	ck_assert_str_eq(scn.title, "Fill \"it\" \\ up");
	ck_assert_int_eq(scn.nsettings, 4);
	ck_assert_str_eq(scn.settings[0].name, "transport");
	ck_assert_str_eq(scn.settings[0].value, "sysv-shm");
	ck_assert_int_eq(scn.settings[0].line, 4);
	ck_assert_int_eq(scn.settings[1].col, 2);
	ck_assert_str_eq(scn.settings[1].value, "4");
	ck_assert(!scn.settings[2].has_value);
	ck_assert_str_eq(scn.settings[3].value, "200");
	ck_assert_int_eq(scn.ncommands, 6);
	ck_assert_int_eq(scn.commands[0].op, SCN_STEP);
	ck_assert_int_eq(scn.commands[0].role, ROLE_PRODUCER);
	ck_assert_int_eq(scn.commands[0].id, 1);
	ck_assert_int_eq(scn.commands[0].count, 1);
	ck_assert_int_eq(scn.commands[1].role, ROLE_CONSUMER);
	ck_assert_int_eq(scn.commands[1].id, 8);
	ck_assert_int_eq(scn.commands[1].count, 12);
	ck_assert_int_eq(scn.commands[2].op, SCN_KILL);
	ck_assert_int_eq(scn.commands[2].id, 2);
	ck_assert_int_eq(scn.commands[3].op, SCN_CAPTION);
	ck_assert_str_eq(scn.commands[3].text, "é — ünïcode # not a comment");
	ck_assert_int_eq(scn.commands[4].op, SCN_PAUSE);
	ck_assert_int_eq(scn.commands[4].line, 12);
	ck_assert_int_eq(scn.nmarks, 2);
}
END_TEST

START_TEST(crlf_and_blank_files)
{
	ck_assert_int_eq(parse("title \"x\"\r\nslots 2\r\nstep P1 3\r\n"), 0);
	ck_assert_str_eq(scn.settings[0].value, "2");
	ck_assert_int_eq(scn.commands[0].count, 3);
	/* A title alone is a scenario that plays nothing. */
	ck_assert_int_eq(parse("\n\n  title \"only\"\n"), 0);
	ck_assert_int_eq(scn.ncommands, 0);
	ck_assert_int_eq(scn.nmarks, 0);
}
END_TEST

START_TEST(workers_checked_against_the_run)
{
	ck_assert_int_eq(parse("title \"x\"\nstep P1\n  kill C3\n"), 0);
	ck_assert_int_eq(scenario_check_workers(&scn, "t.scn", 1, 3, err,
	    sizeof(err)), 0);
	ck_assert_int_eq(scenario_check_workers(&scn, "t.scn", 1, 2, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "t.scn:3:8: expected a worker of this run "
	    "(P1..P1, C1..C2), found \"C3\"");
	/* A --graph label is a word the parser takes; without a graph,
	 * only P1..P8 and C1..C8 are workers. */
	ck_assert_int_eq(parse("title \"x\"\nstep P1\nstep P9\n"), 0);
	ck_assert_int_eq(scn.commands[1].role, -1);
	ck_assert_str_eq(scn.commands[1].who, "P9");
	ck_assert_int_eq(scenario_check_workers(&scn, "t.scn", 8, 8, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "t.scn:3:6: expected a worker (P1..P8 or "
	    "C1..C8), found \"P9\"");
	ck_assert_int_eq(parse("title \"x\"\nkill p1\n"), 0);
	ck_assert_int_eq(scenario_check_workers(&scn, "t.scn", 8, 8, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "t.scn:2:6: expected a worker (P1..P8 or "
	    "C1..C8), found \"p1\"");
}
END_TEST

/* With --graph, the script names the graph's processes by their labels. */
START_TEST(workers_checked_against_a_graph)
{
	static struct graph	g;
	const struct transport	*t = transport_find("pipe");

	ck_assert_int_eq(graph_parse("P -> F*2 -> C", t, &g, err,
	    sizeof(err)), 0);
	ck_assert_int_eq(parse("title \"x\"\ngraph \"P -> F*2 -> C\"\n"
	    "step P 3\nstep F2\nkill F1\ncaption \"c\"\nstep C\n"), 0);
	ck_assert_str_eq(scn.settings[0].value, "P -> F*2 -> C");
	ck_assert_str_eq(scn.commands[0].who, "P");
	ck_assert_int_eq(scn.commands[0].count, 3);
	ck_assert_str_eq(scn.commands[1].who, "F2");
	ck_assert_int_eq(scn.commands[2].op, SCN_KILL);
	ck_assert_int_eq(scenario_check_graph(&scn, "t.scn", &g, err,
	    sizeof(err)), 0);
	/* P1 and C1 are not this graph's: its P and C have one process. */
	ck_assert_int_eq(parse("title \"x\"\nstep P\n  step P1\n"), 0);
	ck_assert_int_eq(scenario_check_graph(&scn, "t.scn", &g, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "t.scn:3:8: expected a process of the graph "
	    "(P, F1, F2, C), found \"P1\"");
	ck_assert_int_eq(parse("title \"x\"\nkill F\n"), 0);
	ck_assert_int_eq(scenario_check_graph(&scn, "t.scn", &g, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "t.scn:2:6: expected a process of the graph "
	    "(P, F1, F2, C), found \"F\"");
	/* Two processes with one label: the script cannot say which. */
	ck_assert_int_eq(graph_parse("P -> F*2 -> F1", t, &g, err,
	    sizeof(err)), 0);
	ck_assert_int_eq(parse("title \"x\"\nstep F2\nstep F1\n"), 0);
	ck_assert_int_eq(scenario_check_graph(&scn, "t.scn", &g, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "t.scn:3:6: expected a process of the graph "
	    "(P, F1, F2, F1), found \"F1\", which names two");
}
END_TEST

START_TEST(errors_name_line_and_column)
{
	bad("", "t.scn:1:1: expected title \"...\" first, found end of file");
	bad("slots 3\n", "t.scn:1:1: expected title \"...\" first, found "
	    "\"slots\"");
	bad("title x\n", "t.scn:1:7: expected title in double quotes, found "
	    "\"x\"");
	bad("title \"x\"\ntitle \"y\"\n", "t.scn:2:1: expected one title, "
	    "found a second");
	bad("title \"x\"\n  bogus 3\n", "t.scn:2:3: expected a setting (a long "
	    "option, as slots) or a command (step, kill, caption, pause), "
	    "found \"bogus\"");
	bad("title \"x\"\nheadless\n", "t.scn:2:1: expected a setting, found "
	    "\"headless\", which only the command line takes");
	bad("title \"x\"\nslots\n", "t.scn:2:6: expected a value for slots, "
	    "found end of line");
	bad("title \"x\"\nslots 3 4\n", "t.scn:2:9: expected end of line, "
	    "found \"4\"");
	bad("title \"x\"\nmailbox yes\n", "t.scn:2:9: expected end of line, "
	    "found \"yes\"");
	bad("title \"x\"\nslots 2\nslots 3\n", "t.scn:3:1: expected each "
	    "setting once, found \"slots\" again (first on line 2)");
	bad("title \"x\"\nstep P1\nslots 3\n", "t.scn:3:1: expected a command "
	    "(settings come before the first one, on line 2), found the "
	    "setting \"slots\"");
	bad("title \"x\"\nstep\n", "t.scn:2:5: expected a worker (P1..P8 or "
	    "C1..C8, or a --graph process as F2), found end of line");
	bad("title \"x\"\nstep F-2\n", "t.scn:2:6: expected a worker (P1..P8 "
	    "or C1..C8, or a --graph process as F2), found \"F-2\"");
	bad("title \"x\"\nstep 2F\n", "t.scn:2:6: expected a worker (P1..P8 "
	    "or C1..C8, or a --graph process as F2), found \"2F\"");
	bad("title \"x\"\nkill Filter12\n", "t.scn:2:6: expected a worker "
	    "(P1..P8 or C1..C8, or a --graph process as F2), found "
	    "\"Filter12\"");
	bad("title \"x\"\nstep P1 0\n", "t.scn:2:9: expected a count of steps, "
	    "1..999, or end of line, found \"0\"");
	bad("title \"x\"\nstep P1 1000\n", "t.scn:2:9: expected a count of "
	    "steps, 1..999, or end of line, found \"1000\"");
	bad("title \"x\"\nstep P1 -2\n", "t.scn:2:9: expected a count of steps, "
	    "1..999, or end of line, found \"-2\"");
	bad("title \"x\"\nkill P1 2\n", "t.scn:2:9: expected end of line, "
	    "found \"2\"");
	bad("title \"x\"\npause now\n", "t.scn:2:7: expected end of line, "
	    "found \"now\"");
	bad("title \"x\"\ncaption\n", "t.scn:2:8: expected caption in double "
	    "quotes, found end of line");
	bad("title \"x\"\ncaption \"abc\n", "t.scn:2:13: expected a closing "
	    "quote for the caption opened at column 9, found end of line");
	bad("title \"x\"\ncaption \"a\\nb\"\n", "t.scn:2:11: expected \\\" or "
	    "\\\\ after a backslash, found \"nb\"");
	bad("title \"x\"\ncaption \"x\" \"y\"\n", "t.scn:2:13: expected end of "
	    "line, found \"\\\"\"");
}
END_TEST

START_TEST(bytes_that_are_not_text)
{
	static const char	nul[] = "title \"x\"\nst\0ep P1\n";

	bad("title \"x\"\nstep\001 P1\n", "t.scn:2:5: expected text, found "
	    "the control byte \\001");
	bad("title \"x\"\ncaption \"\xff\"\n", "t.scn:2:10: expected UTF-8 "
	    "text, found the byte \\377");
	/* Overlong, a surrogate, a cut sequence. */
	bad("title \"\xc0\xaf\"\n", "t.scn:1:8: expected UTF-8 text, found "
	    "the byte \\300");
	bad("title \"\xed\xa0\x80\"\n", "t.scn:1:8: expected UTF-8 text, found "
	    "the byte \\355");
	bad("title \"\xe2\x82\"\n", "t.scn:1:8: expected UTF-8 text, found the "
	    "byte \\342");
	bad("title \"x\"\r\r\n", "t.scn:1:10: expected text, found the "
	    "control byte \\015");
	ck_assert_int_eq(scenario_parse(nul, sizeof(nul) - 1, "t.scn", lookup,
	    &scn, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "t.scn:2:3: expected text, found the control "
	    "byte \\000");
}
END_TEST

START_TEST(limits)
{
	char	text[SCN_LINE_MAX + 64], cap[SCN_CAPTION_MAX + 16];

	memset(text, 'a', sizeof(text));
	memcpy(text, "title \"x\"\n", 10);
	text[sizeof(text) - 1] = '\0';
	bad(text, "t.scn:2:1025: expected at most 1024 bytes on a line, "
	    "found 1077");
	memset(cap, 'c', sizeof(cap));
	cap[SCN_CAPTION_MAX] = '\0';
	snprintf(text, sizeof(text), "title \"x\"\ncaption \"%s\"\n", cap);
	bad(text, "t.scn:2:169: expected a caption of at most 159 bytes, "
	    "found more");
	/* A file name with a newline shows as an escape: one line. */
	ck_assert_int_eq(scenario_parse("x", 1, "a\nb.scn", lookup, &scn, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "a\\nb.scn:1:1: expected title \"...\" first, "
	    "found \"x\"");
}
END_TEST

START_TEST(files_by_path)
{
	char	path[512];

	ck_assert_int_eq(scenario_load("/nonexistent/x.scn", lookup, &scn, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "/nonexistent/x.scn: No such file or directory");
	ck_assert_int_eq(scenario_path("./mine", path, sizeof(path), err,
	    sizeof(err)), 0);
	ck_assert_str_eq(path, "./mine");
	ck_assert_int_eq(scenario_path("mine.scn", path, sizeof(path), err,
	    sizeof(err)), 0);
	ck_assert_str_eq(path, "mine.scn");
}
END_TEST

/* A snapshot's place in the scenario survives the JSON both ways; a run
 * without one writes no "scenario" at all. */
START_TEST(json_round_trip)
{
	static struct snapshot	a, b;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*f;

	snapshot_clear(&a);
	strlcpy(a.scenario.name, "fill-the-buffer", sizeof(a.scenario.name));
	strlcpy(a.scenario.title, "Fill \"it\"", sizeof(a.scenario.title));
	strlcpy(a.scenario.caption, "empty is 0 — full", sizeof(a.scenario.caption));
	a.scenario.mark = 3;
	a.scenario.marks = 4;
	a.scenario.line = 17;
	a.scenario.over = true;
	ck_assert_ptr_nonnull(f = open_memstream(&buf, &len));
	snapshot_json_write(f, &a);
	fclose(f);
	ck_assert_int_eq(snapshot_json_read(buf, len, &b, err, sizeof(err)), 0);
	ck_assert_str_eq(b.scenario.name, "fill-the-buffer");
	ck_assert_str_eq(b.scenario.title, "Fill \"it\"");
	ck_assert_str_eq(b.scenario.caption, "empty is 0 — full");
	ck_assert_int_eq(b.scenario.mark, 3);
	ck_assert_int_eq(b.scenario.marks, 4);
	ck_assert_int_eq(b.scenario.line, 17);
	ck_assert(b.scenario.over);
	free(buf);
	snapshot_clear(&a);
	buf = NULL;
	ck_assert_ptr_nonnull(f = open_memstream(&buf, &len));
	snapshot_json_write(f, &a);
	fclose(f);
	ck_assert_ptr_null(strstr(buf, "\"scenario\""));
	free(buf);
}
END_TEST

Suite *
suite_scenario(void)
{
	Suite	*s = suite_create("scenario");
	TCase	*tc = tcase_create("parse");

	tcase_add_test(tc, a_whole_file);
	tcase_add_test(tc, crlf_and_blank_files);
	tcase_add_test(tc, workers_checked_against_the_run);
	tcase_add_test(tc, workers_checked_against_a_graph);
	tcase_add_test(tc, errors_name_line_and_column);
	tcase_add_test(tc, bytes_that_are_not_text);
	tcase_add_test(tc, limits);
	tcase_add_test(tc, files_by_path);
	tcase_add_test(tc, json_round_trip);
	suite_add_tcase(s, tc);
	return (s);
}
