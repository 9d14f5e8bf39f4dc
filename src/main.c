/* ipcscope: command line → one of the faces. */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <err.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/bench.h"
#include "ipcscope/config.h"
#include "ipcscope/control.h"
#include "ipcscope/free.h"
#include "ipcscope/headless.h"
#include "ipcscope/replay.h"
#include "ipcscope/keys.h"
#include "ipcscope/lesson.h"
#include "ipcscope/clean.h"
#include "ipcscope/runfile.h"
#include "ipcscope/scenario.h"
#include "ipcscope/step.h"
#include "ipcscope/transport.h"
#include "ipcscope/graph.h"
#include "ipcscope/ui.h"
#include "ipcscope/visible.h"
#include "ipcscope/watch_face.h"

#ifndef IPCSCOPE_VERSION
#define IPCSCOPE_VERSION "0.1.0"
#endif

extern char **environ;

enum {
	OPT_SPEED = 0x100, OPT_RUN, OPT_HEADLESS, OPT_KEYS, OPT_JSON,
	OPT_STEPS, OPT_FRAMES, OPT_LIST, OPT_MAILBOX, OPT_RECORD,
	OPT_UNSAFE, OPT_UNDO,
	OPT_THEME,
	OPT_ONCE, OPT_KEY, OPT_ID, OPT_NAME, OPT_TYPE,
	OPT_SVG
};
/* --graph (graph.h): a range of its own, for an easy merge. */
enum { OPT_GRAPH = 0x240 };
/* Scenario files (scenario.h): a range of their own, for an easy merge. */
enum { OPT_SCENARIO = 0x180, OPT_LIST_SCENARIOS };
/* step (step.h): a range of its own too. */
enum { OPT_ALL = 0x1c0, OPT_KILL };
/* ipcscope bench, and free running. */
enum { OPT_SECONDS = 0x1a0, OPT_REPEAT, OPT_PIN, OPT_SIZES, OPT_FREE };

/* What the command line asks for: each option has an effect in some. */
#define M_SCREEN	0x01	/* the demo on the screen */
#define M_ONCE		0x02	/* --headless alone: one snapshot */
#define M_KEYS		0x04	/* --headless --keys */
#define M_RUN		0x08	/* --headless --run */
#define M_CLEAN		0x10	/* ipcscope clean */
#define M_REPLAY	0x20	/* ipcscope replay FILE, on the screen */
#define M_REPLAY_LINES	0x40	/* ipcscope --headless replay FILE */
#define M_WATCH		0x80	/* ipcscope watch, on the screen */
#define M_WATCH_JSON	0x100	/* ipcscope watch --json */
#define M_WATCH_TEXT	0x200	/* ipcscope watch --once */
#define M_STEP		0x400	/* ipcscope step -- PROG, on the screen */
#define M_STEP_LINES	0x800	/* ipcscope step --headless -- PROG */
#define M_STEP_ALL	(M_STEP | M_STEP_LINES)
#define M_LESSON	0x10000	/* ipcscope lesson [NAME], on the screen */
#define M_LESSON_LINES	0x20000	/* ipcscope lesson --headless NAME */
#define M_LESSON_ALL	(M_LESSON | M_LESSON_LINES)
#define M_BENCH		0x40000	/* ipcscope bench */
#define M_FREE		0x80000	/* --headless --free */
#define M_DEMO		(M_SCREEN | M_ONCE | M_KEYS | M_RUN)
#define M_WATCH_ALL	(M_WATCH | M_WATCH_JSON | M_WATCH_TEXT)
#define M_ANY		(M_DEMO | M_CLEAN | M_REPLAY | M_REPLAY_LINES | \
			 M_WATCH_ALL | M_STEP_ALL | M_LESSON_ALL | M_BENCH | \
			 M_FREE)

/*
 * Every option and where it has an effect: getopt's tables are made from
 * this one, and an option given where it has none is an error, never
 * silently ignored. `works` says where, in --help and in that error.
 */
static const struct opt {
	const char	*name;		/* the long name, without "--" */
	int		 val;		/* its letter, or an OPT_ above 0xff */
	int		 has_arg;
	int		 modes;		/* the M_ where it has an effect */
	const char	*transport;	/* the one transport it works with, or NULL */
	const char	*works;		/* where, in words; NULL: the whole demo */
} opts[] = {
	{ "transport",	't', required_argument, M_DEMO | M_BENCH | M_FREE, NULL,
	    "with the demo or bench" },
	{ "slots",	'n', required_argument, M_DEMO | M_BENCH | M_FREE, NULL,
	    "with the demo or bench" },
	{ "producers",	'p', required_argument, M_DEMO | M_FREE, NULL, NULL },
	{ "consumers",	'c', required_argument, M_DEMO | M_FREE, NULL, NULL },
	{ "item-size",	's', required_argument, M_DEMO | M_FREE, NULL, NULL },
	{ "speed",	OPT_SPEED, required_argument, M_SCREEN | M_RUN, NULL,
	    "on the screen, or with --headless --run" },
	{ "run",	OPT_RUN, no_argument, M_SCREEN | M_RUN, NULL,
	    "on the screen, or with --headless without --keys" },
	{ "headless",	OPT_HEADLESS, no_argument, M_DEMO | M_REPLAY_LINES |
	    M_STEP_LINES | M_LESSON_LINES | M_FREE, NULL, NULL },
	{ "keys",	OPT_KEYS, required_argument, M_KEYS | M_SCREEN |
	    M_STEP_LINES, NULL,
	    "on the screen, or with --headless without --run; step: with "
	    "--headless" },
	{ "json",	OPT_JSON, no_argument, M_ONCE | M_KEYS | M_RUN |
	    M_WATCH_JSON | M_STEP_LINES | M_BENCH, NULL,
	    "with --headless, or with watch or bench" },
	{ "steps",	OPT_STEPS, required_argument, M_RUN, NULL,
	    "with --headless --run" },
	{ "frames",	OPT_FRAMES, required_argument, M_SCREEN | M_REPLAY |
	    M_WATCH | M_STEP, NULL, "on the screen, not with --headless" },
	{ "record",	OPT_RECORD, required_argument, M_DEMO, NULL,
	    "with the demo, on the screen or not" },
	{ "list-transports", OPT_LIST, no_argument, M_ANY, NULL, NULL },
	{ "mailbox",	OPT_MAILBOX, no_argument, M_DEMO, "sysv-msg",
	    "with --transport sysv-msg" },
	/* Which transport: check_race() says, and why. */
	{ "unsafe",	OPT_UNSAFE, no_argument, M_DEMO, NULL,
	    "with --transport sysv-shm or posix-shm" },
	{ "undo",	OPT_UNDO, no_argument, M_DEMO, NULL,
	    "with --transport sysv-shm, without --unsafe" },
	{ "scenario",	OPT_SCENARIO, required_argument, M_DEMO, NULL,
	    "with the demo, on the screen or not" },
	{ "list-scenarios", OPT_LIST_SCENARIOS, no_argument, M_ANY, NULL, NULL },
	{ "theme",	OPT_THEME, required_argument, M_SCREEN | M_REPLAY |
	    M_STEP | M_LESSON, NULL, "on the screen (the demo, replay, step "
	    "or a lesson), not with --headless" },
	{ "delay",	'd', required_argument, M_WATCH_ALL, NULL, "with watch" },
	{ "once",	OPT_ONCE, no_argument, M_WATCH_ALL, NULL, "with watch" },
	{ "key",	OPT_KEY, required_argument, M_WATCH_ALL, NULL,
	    "with watch" },
	{ "id",		OPT_ID, required_argument, M_WATCH_ALL, NULL, "with watch" },
	{ "name",	OPT_NAME, required_argument, M_WATCH_ALL, NULL,
	    "with watch" },
	{ "type",	OPT_TYPE, required_argument, M_WATCH_ALL, NULL,
	    "with watch" },
	{ "svg",	OPT_SVG, required_argument, M_ONCE | M_KEYS | M_RUN, NULL,
	    "with --headless" },
	{ "all",	OPT_ALL, no_argument, M_STEP_ALL, NULL, "with step" },
	{ "kill",	OPT_KILL, no_argument, M_STEP_ALL, NULL, "with step" },
	{ "seconds",	OPT_SECONDS, required_argument, M_BENCH | M_FREE, NULL,
	    "with bench, or with --headless --free" },
	{ "repeat",	OPT_REPEAT, required_argument, M_BENCH, NULL,
	    "with bench" },
	{ "pin",	OPT_PIN, no_argument, M_BENCH, NULL, "with bench" },
	{ "sizes",	OPT_SIZES, required_argument, M_BENCH, NULL,
	    "with bench" },
	{ "free",	OPT_FREE, no_argument, M_SCREEN | M_FREE, NULL,
	    "on the screen, or with --headless" },
	{ "graph",	OPT_GRAPH, required_argument, M_DEMO, NULL, NULL },
	{ "help",	'h', no_argument, M_ANY, NULL, NULL },
	{ "version",	'V', no_argument, M_ANY, NULL, NULL },
};
#define NOPTS		(sizeof(opts) / sizeof(opts[0]))
#define OPERANDS_MAX	4	/* a command, its file, and what is too many */
#define OPTNAME_MAX	24	/* "--list-transports" and its NUL */

/* Where the options that do not work everywhere work: from opts[]. */
static void
usage_works(FILE *f)
{
	size_t	i;

	fprintf(f, "\nwhere options work (anywhere else they are an error; "
	    "clean takes none):\n");
	for (i = 0; i < NOPTS; i++)
		if (opts[i].works != NULL)
			fprintf(f, "      --%-16s%s\n", opts[i].name,
			    opts[i].works);
}

static void
usage(FILE *f)
{
	fprintf(f,
"usage: ipcscope [demo] [options]\n"
"       ipcscope replay [--headless] FILE\n"
"       ipcscope watch [-d SECS] [--json] [--once] [--type NAME]\n"
"                      [--key KEY | --id ID | --name NAME]\n"
"       ipcscope clean\n"
"       ipcscope bench [-t NAME] [--sizes LIST] [--seconds S] [--repeat N]\n"
"                      [--pin] [--json]\n"
"       ipcscope step [--headless] [--keys KEYS] [--all] [--kill]\n"
"                     -- PROG [ARGS...] [-- PROG2 [ARGS...]]...\n"
"       ipcscope lesson [--headless] [NAME]\n"
"\n"
"Spawns producer and consumer processes over a real IPC transport and\n"
"shows the kernel's own view of the exchange, one step at a time.\n"
"\n"
"options:\n"
"  -t, --transport NAME  the IPC transport (default sysv-shm; see\n"
"                        --list-transports)\n"
"  -n, --slots N         buffer slots, %d..%d (default 8)\n"
"  -p, --producers N     producer processes, 1..%d (default 1)\n"
"  -c, --consumers N     consumer processes, 1..%d (default 1)\n"
"  -s, --item-size B     bytes per item, %d..%d (default 64)\n"
"      --speed MS        run mode: ms between steps, %d..%d (default %d)\n"
"      --run             start running in slow motion instead of paused\n"
"      --headless        no screen: print the state after each step\n"
"      --keys SCRIPT     press these keys first: on the screen, then hand\n"
"                        over; headless, one line per key\n"
"      --json            headless: print JSON snapshots, not sentences\n"
"      --steps N         headless --run: stop after N steps\n"
"      --frames N        quit the screen after N frames (for tests)\n"
"      --list-transports print the transports and exit\n"
"      --mailbox         sysv-msg: producers address consumers by mtype\n"
"      --record FILE     write every snapshot to FILE, for replay\n"
"      --unsafe          no mutex: two producers (or consumers) stepped in\n"
"                        turn use one slot, and the audit counts the loss\n"
"      --undo            lock the mutex with SEM_UNDO: killing its holder\n"
"                        releases it\n"
"      --scenario FILE   play a prepared demo (a file, or a name from\n"
"                        --list-scenarios) up to its first pause\n"
"      --list-scenarios  print the shipped scenarios and exit\n"
"      --theme THEME     the screen's colours: dark (default), light (a\n"
"                        white background), projector, mono (NO_COLOR)\n"
"      --graph SPEC      stages of processes linked by buffers instead of\n"
"                        -p and -c: 'P -> F -> C' (a pipeline), 'P -> F*3\n"
"                        -> C' (three F share a stage), 'P -> {C1, C2}'\n"
"                        (fan-out), '{P1, P2} -> C' (fan-in), 'P -> \n"
"                        broadcast {C1, C2}' (each item to every reader:\n"
"                        sysv-msg), 'P -pipe-> F -sysv-msg-> C' (a\n"
"                        transport per buffer; else -t's); a filter marks\n"
"                        each item, the audit checks the marks\n"
"  -d, --delay SECS      watch: seconds between frames, 0..3600 (default 0.5)\n"
"      --once            watch: one frame, printed (JSON with --json)\n"
"      --key KEY         watch: follow the object of KEY, 1..4294967295\n"
"      --id ID           watch: follow the object of ID, 0..2147483647\n"
"      --name NAME       watch: follow the POSIX object NAME (/foo)\n"
"      --type NAME       watch: only shm, msg, sem, posix-shm or posix-mq\n"
"      --svg DIR         headless: one SVG picture per step into DIR\n"
"      --all             step: stop at every system call, not only IPC ones\n"
"      --kill            step: at the end, kill what still runs (else it is\n"
"                        let go, running on)\n"
"      --seconds S       bench: seconds each throughput run lasts after its\n"
"                        warm-up, %g..%g (default 1; round trips: half)\n"
"      --repeat N        bench: runs of everything, 1..%d (default 5)\n"
"      --pin             bench: pin the two sides to two CPUs\n"
"      --sizes LIST      bench: item sizes, %d..%d bytes (default 64,1K,8K,64K)\n"
"      --free            the workers at full speed, no permits: the screen\n"
"                        shows each worker's items/s, %d frames a second;\n"
"                        headless, a line a second for --seconds (default %d)\n"
"  -h, --help            this help\n"
"  -V, --version         the version\n",
	    SLOTS_MIN, SLOTS_MAX, WORKERS_PER_ROLE_MAX, WORKERS_PER_ROLE_MAX,
	    ITEM_SIZE_MIN, ITEM_SIZE_MAX, SPEED_MIN_MS, SPEED_MAX_MS,
	    SPEED_DEFAULT_MS, BENCH_SECONDS_MIN, BENCH_SECONDS_MAX,
	    BENCH_REPEAT_MAX, ITEM_SIZE_MIN, ITEM_WIRE_MAX,
	    FREE_HZ, FREE_SECONDS_DEFAULT);
	usage_works(f);
	fprintf(f,
"\n"
"keys:\n%s"
"\n"
"replay: plays a recording (--record) on the same screen, forwards and\n"
"backwards, from the file alone; with --headless, prints its snapshots.\n"
"\n"
"replay keys:\n%s"
"\n"
"watch: every System V and POSIX IPC object on the machine, live, like a\n"
"top for ipcs; Enter looks inside one. --json prints a line per frame\n"
"with the names ipcs and lsipc use; --key, --id, --name wait for the\n"
"object to appear.\n"
"\n"
"watch keys:\n%s"
"\n"
"step: runs your own programs under ptrace and stops each at every IPC\n"
"system call, with its arguments decoded, the line of the program that\n"
"made it (built with -g) and the kernel's view of the object it touched.\n"
"With --headless (or --json), one JSON line per call; --keys KEYS steps\n"
"the programs in that order (1..4 a program, . any), else each in turn.\n"
"\n"
"step keys:\n%s"
"\n"
"lesson: a guided walk through real programs that ship with ipcscope\n"
"(shm-lifecycle, msg-queue, pipe), stepped one IPC call at a time on the\n"
"step screen with a caption per step; without NAME, the lessons; with\n"
"--headless, a JSON line per step. Quitting kills the programs and\n"
"removes what they made.\n"
"\n"
"bench: every transport's own send and receive code at full speed (no\n"
"step permits), one producer and one consumer: items/s, bytes/s and the\n"
"round trip of a ping-pong, beside memcpy and a spinning handoff through\n"
"shared memory; every item is checked to arrive intact and in order.\n"
"\n"
"clean: removes the objects of earlier runs whose viewer is dead, and only\n"
"those (run files in $IPCSCOPE_RUNDIR, $XDG_RUNTIME_DIR/ipcscope or\n"
"/tmp/ipcscope-UID).\n"
, keys_help(KEYS_DEMO), keys_help(KEYS_REPLAY),
	    keys_help(KEYS_WATCH), keys_help(KEYS_STEP));
}

/* A whole number in min..max, or one line naming the option and the range. */
static long long
number(const char *name, const char *arg, long long min, long long max)
{
	const char	*errstr = NULL;
	long long	 v = 0;

	/* strtonum skips leading blanks: "\n5" would pass unseen. */
	if (isspace((unsigned char)arg[0]))
		errstr = "invalid";
	else
		v = strtonum(arg, min, max, &errstr);
	if (errstr != NULL)
		errx(2, "%s \"%s\": %s; allowed: %lld..%lld", name, visible(arg),
		    strcmp(errstr, "invalid") == 0 ? "not a whole number" :
		    errstr, min, max);
	return (v);
}

/* A file to write: named, and with no control character in its name
 * (a newline or an escape there is a slip, and would garble every line
 * that shows it). Any other byte is the user's to choose. */
static const char *
file_arg(const char *name, const char *arg)
{
	const unsigned char	*p;

	if (arg[0] == '\0')
		errx(2, "%s \"\": no file named", name);
	for (p = (const unsigned char *)arg; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			errx(2, "%s \"%s\": a file name with a control "
			    "character is refused", name, visible(arg));
	return (arg);
}

/* A directory that is there, for files to be made in. */
static const char *
dir_arg(const char *name, const char *arg)
{
	struct stat	st;

	file_arg(name, arg);
	if (stat(arg, &st) == -1)
		errx(2, "%s \"%s\": %s", name, visible(arg), strerror(errno));
	if (!S_ISDIR(st.st_mode))
		errx(2, "%s \"%s\": not a directory", name, visible(arg));
	return (arg);
}

/* The transport named, or one line listing those there are. */
static const struct transport *
transport_arg(const char *name, const char *arg)
{
	const struct transport	*t;
	char			 list[256] = "";
	int			 i;

	if ((t = transport_find(arg)) != NULL)
		return (t);
	for (i = 0; transports[i] != NULL; i++) {
		if (i > 0)
			strlcat(list, ", ", sizeof(list));
		strlcat(list, transports[i]->name, sizeof(list));
	}
	errx(2, "%s \"%s\": no such transport; transports: %s", name,
	    visible(arg), list);
}

/* --keys: every byte a key; the whole script is shown, made visible. */
static void
check_keys(const char *name, const char *keys)
{
	size_t	i = strspn(keys, keys_script(KEYS_DEMO));
	char	bad[2] = { keys[i], '\0' };

	if (keys[0] == '\0')
		errx(2, "%s \"\": no keys; keys are \"%s\"", name,
		    visible(keys_script(KEYS_DEMO)));
	if (keys[i] != '\0')
		errx(2, "%s \"%s\": \"%s\" (byte %zu) is not a key; keys are "
		    "\"%s\"", name, visible(keys), visible(bad), i + 1,
		    visible(keys_script(KEYS_DEMO)));
}

void
config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->transport = transports[0];
	cfg->slots = 8;
	cfg->producers = 1;
	cfg->consumers = 1;
	cfg->item_size = 64;
	cfg->speed_ms = cfg->cspeed_ms = SPEED_DEFAULT_MS;
	cfg->delay_ms = WATCH_DELAY_DEFAULT_MS;
	cfg->seconds = 0;	/* bench: 1; --free: FREE_SECONDS_DEFAULT */
	cfg->repeat = 5;
}

static void
list_transports(void)
{
	int	i;

	for (i = 0; transports[i] != NULL; i++)
		printf("%-12s %s\n", transports[i]->name, transports[i]->title);
}

static int
clean_main(void)
{
	struct clean_report	rep;
	char			dir[PATH_MAX], why[256];

	/* The run directory may come from the environment: shown visible. */
	if (runfile_dir(dir, sizeof(dir), why, sizeof(why)) == -1)
		errx(2, "%s", visible_msg(why));
	if (clean_dir(dir, stdout, &rep) == -1)
		err(2, "%s", visible_msg(dir));
	printf("%d run%s found, %d cleaned, %d object%s removed, %d left "
	    "alone", rep.runs_seen, rep.runs_seen == 1 ? "" : "s",
	    rep.runs_cleaned, rep.objects_removed,
	    rep.objects_removed == 1 ? "" : "s", rep.skipped);
	/* Only when it happens, so that the usual line stays the same. */
	if (rep.refused > 0)
		printf(", %d object%s not proven the run's left alone",
		    rep.refused, rep.refused == 1 ? "" : "s");
	printf("\n");
	return (0);
}

static int	apply_option(int, const char *, const char *, struct config *);

/* Options that say how to run the program, not what the demo is: a
 * scenario may not set them. */
static const int cmdline_only[] = { 'h', 'V', OPT_LIST, OPT_HEADLESS,
    OPT_KEYS, OPT_JSON, OPT_STEPS, OPT_FRAMES, OPT_RECORD, OPT_SCENARIO,
    OPT_LIST_SCENARIOS, OPT_SVG };

static const struct opt *
opt_named(const char *name)
{
	size_t	i;

	for (i = 0; i < NOPTS; i++)
		if (strcmp(opts[i].name, name) == 0)
			return (&opts[i]);
	return (NULL);
}

/* What a scenario's setting is, from opts[] (scenario.h). */
static enum scn_kind
scenario_lookup(const char *name)
{
	const struct opt	*o = opt_named(name);
	size_t			 i;

	if (o == NULL)
		return (SCN_NOT_OPTION);
	for (i = 0; i < sizeof(cmdline_only) / sizeof(cmdline_only[0]); i++)
		if (o->val == cmdline_only[i])
			return (SCN_CMDLINE_ONLY);
	return (o->has_arg ? SCN_VALUED : SCN_FLAG);
}

/* --list-scenarios: each shipped one's name and title, by name. */
static void
list_scenarios(void)
{
	char	err[PATH_MAX + 128];

	if (scenario_list(stdout, scenario_lookup, err, sizeof(err)) == -1)
		errx(2, "%s", err);
}

/*
 * --scenario: its settings go through apply_option() as the options they
 * name, except those the command line gave, which win. Each is named
 * "FILE:LINE:COL: slots" in its errors, so a range error reads as the
 * command line's does, with the place in the file. A setting for another
 * transport is an error; one without effect in this mode (speed or run
 * with --headless) is checked, then does nothing.
 */
static void
scenario_settings(struct config *cfg, char given[][OPTNAME_MAX], int mode)
{
	struct config		 scratch;
	static struct scenario	 scn;
	static char		 path[PATH_MAX];
	const struct scn_setting *st;
	const struct opt	*o;
	char			 err[768], name[PATH_MAX + 64];
	int			 i;

	if (scenario_path(cfg->scenario, path, sizeof(path), err,
	    sizeof(err)) == -1)
		errx(2, "--scenario %s", err);
	if (scenario_load(path, scenario_lookup, &scn, err, sizeof(err)) == -1)
		errx(2, "%s", err);
	for (i = 0; i < scn.nsettings; i++) {
		st = &scn.settings[i];
		o = opt_named(st->name);
		snprintf(name, sizeof(name), "%s:%d:%d: %s", visible(path),
		    st->line, st->col, st->name);
		if (given[o - opts][0] != '\0')
			continue;
		/* Without effect here (run or a pace with --headless):
		 * checked as the command line would, then left out, so
		 * that it cannot change the mode the command line chose. */
		scratch = *cfg;
		apply_option(o->val, name, st->has_value ? st->value : NULL,
		    (o->modes & mode) ? cfg : &scratch);
	}
	/* Once all are in: "mailbox" may come before "transport". */
	for (i = 0; i < scn.nsettings; i++) {
		st = &scn.settings[i];
		o = opt_named(st->name);
		if (o->transport != NULL && strcmp(cfg->transport->name,
		    o->transport) != 0)
			errx(2, "%s:%d:%d: %s has no effect with transport %s; it "
			    "works %s", visible(path), st->line, st->col,
			    st->name, cfg->transport->name, o->works);
	}
	cfg->script = &scn;
	cfg->scenario = path;
}

/* The scenario's setting of name, or NULL. */
static const struct scn_setting *
scenario_setting(const struct config *cfg, const char *name)
{
	int	i;

	if (cfg->script == NULL)
		return (NULL);
	for (i = 0; i < cfg->script->nsettings; i++)
		if (strcmp(cfg->script->settings[i].name, name) == 0)
			return (&cfg->script->settings[i]);
	return (NULL);
}

/* Every worker the script names is one of the run's: P1..C8 within -p
 * and -c, or with --graph the label of one of its processes. */
static void
scenario_workers(const struct config *cfg)
{
	char	err[768];
	int	r;

	if (cfg->script == NULL)
		return;
	if (cfg->graph != NULL)
		r = scenario_check_graph(cfg->script, cfg->scenario, cfg->graph,
		    err, sizeof(err));
	else
		r = scenario_check_workers(cfg->script, cfg->scenario,
		    cfg->producers, cfg->consumers, err, sizeof(err));
	if (r == -1)
		errx(2, "%s", err);
}

/* getopt_long's two tables, made from opts[]. */
static void
getopt_tables(struct option *lo, char *so, size_t solen)
{
	char	letter[3];
	size_t	i;

	/* '+': stop at the first operand, so argv[optind] is always the
	 * argument being read; ':': a missing value is ':', not '?'. */
	strlcpy(so, "+:", solen);
	for (i = 0; i < NOPTS; i++) {
		lo[i] = (struct option){ opts[i].name, opts[i].has_arg, NULL,
		    opts[i].val };
		if (opts[i].val > 0xff)
			continue;
		letter[0] = (char)opts[i].val;
		letter[1] = opts[i].has_arg ? ':' : '\0';
		letter[2] = '\0';
		strlcat(so, letter, solen);
	}
	lo[NOPTS] = (struct option){ NULL, 0, NULL, 0 };
}

/* The entry of opts[] that getopt_long returned, or NULL. */
static const struct opt *
opt_find(int val)
{
	size_t	i;

	for (i = 0; i < NOPTS; i++)
		if (opts[i].val == val)
			return (&opts[i]);
	return (NULL);
}

/* The option as the user spelled it: "-n" or "--slots". */
static void
opt_spell(char *buf, const struct opt *o, const char *arg)
{
	if (strncmp(arg, "--", 2) == 0)
		snprintf(buf, OPTNAME_MAX, "--%s", o->name);
	else
		snprintf(buf, OPTNAME_MAX, "-%c", o->val);
}

/* The long names that start with prefix ("s": three), listed in buf. */
static int
opt_prefixed(const char *prefix, size_t len, char *buf, size_t buflen)
{
	size_t	i;
	int	n = 0;

	buf[0] = '\0';
	for (i = 0; i < NOPTS; i++) {
		if (strncmp(opts[i].name, prefix, len) != 0)
			continue;
		if (n++ > 0)
			strlcat(buf, ", ", buflen);
		strlcat(buf, "--", buflen);
		strlcat(buf, opts[i].name, buflen);
	}
	return (n);
}

/*
 * getopt_long's '?' or ':' as one line, naming the option the way the user
 * wrote it: "-z" of "-zq", "--bogus" of "--bogus=1". arg is the argument
 * getopt was reading.
 */
static void __attribute__((__noreturn__))
bad_option(int ch, const char *arg)
{
	const struct opt	*o = optopt != 0 ? opt_find(optopt) : NULL;
	char			 name[OPTNAME_MAX], list[256];
	/* One byte more than visible() shows, so a long one gets its "...". */
	char			 written[VISIBLE_ARG_MAX + 2];
	size_t			 len;

	if (strncmp(arg, "--", 2) == 0) {
		len = strcspn(arg + 2, "=");
		snprintf(written, sizeof(written), "--%.*s", (int)len, arg + 2);
		if (o != NULL) {
			opt_spell(name, o, arg);
			if (ch == ':')
				errx(2, "%s needs a value; see ipcscope --help",
				    name);
			errx(2, "%s takes no value; see ipcscope --help", name);
		}
		if (len > 0 && opt_prefixed(arg + 2, len, list,
		    sizeof(list)) > 1)
			errx(2, "option \"%s\" is ambiguous: it could be %s",
			    visible(written), list);
		errx(2, "unknown option \"%s\"; see ipcscope --help",
		    visible(written));
	}
	snprintf(written, sizeof(written), "-%c", optopt);
	if (ch == ':')
		errx(2, "%s needs a value; see ipcscope --help", written);
	errx(2, "unknown option \"%s\"; see ipcscope --help", visible(written));
}

/* Which M_ mode the command line asks for. */
static int
mode_of(bool clean, const struct config *cfg)
{
	if (clean)
		return (M_CLEAN);
	if (!cfg->headless)
		return (M_SCREEN);
	if (cfg->free_run)
		return (M_FREE);
	if (cfg->keys != NULL)
		return (M_KEYS);
	return (cfg->run ? M_RUN : M_ONCE);
}

/* The mode in words: "--steps has no effect on the screen". */
static const char *
mode_words(int mode)
{
	switch (mode) {
	case M_SCREEN:
		return ("on the screen");
	case M_ONCE:
		return ("with --headless alone");
	case M_KEYS:
		return ("with --headless --keys");
	case M_RUN:
		return ("with --headless --run");
	case M_REPLAY:
		return ("with replay on the screen");
	case M_REPLAY_LINES:
		return ("with --headless replay");
	case M_WATCH:
		return ("with watch on the screen");
	case M_WATCH_JSON:
		return ("with watch --json");
	case M_WATCH_TEXT:
		return ("with watch --once");
	case M_STEP:
		return ("with step on the screen");
	case M_STEP_LINES:
		return ("with step --headless");
	case M_LESSON:
		return ("with lesson on the screen");
	case M_LESSON_LINES:
		return ("with lesson --headless");
	case M_BENCH:
		return ("with bench");
	case M_FREE:
		return ("with --headless --free");
	}
	return ("with clean");
}

/* An option given where it has no effect is an error: opts[] says where. */
static void
check_modes(int mode, const struct config *cfg, char given[][OPTNAME_MAX])
{
	const struct opt	*o;
	size_t			 i;

	for (i = 0; i < NOPTS; i++) {
		o = &opts[i];
		if (given[i][0] == '\0')
			continue;
		if (mode == M_CLEAN && !(o->modes & M_CLEAN))
			errx(2, "%s has no effect with clean, which takes no "
			    "options", given[i]);
		if (!(o->modes & mode))
			errx(2, "%s has no effect %s; it works %s", given[i],
			    mode_words(mode), o->works != NULL ? o->works :
			    "with the demo");
		if (o->transport != NULL &&
		    strcmp(cfg->transport->name, o->transport) != 0)
			errx(2, "%s has no effect with --transport %s; it works "
			    "%s", given[i], cfg->transport->name, o->works);
	}
}

/*
 * --unsafe drops a mutex, --undo sets SEM_UNDO on one: a transport
 * without them gets one line saying so (its features, transport.h).
 */
static void
check_race(const struct config *cfg)
{
	const struct transport	*t = cfg->transport;

	if (cfg->unsafe && !(t->features & TF_UNSAFE))
		errx(2, "--unsafe has no effect with --transport %s: it has no "
		    "mutex to drop, the kernel keeps its items apart itself; "
		    "it works with --transport sysv-shm or posix-shm", t->name);
	if (cfg->undo && !(t->features & TF_UNDO))
		errx(2, "--undo has no effect with --transport %s: SEM_UNDO "
		    "is for System V semaphores only; it works with "
		    "--transport sysv-shm", t->name);
	if (cfg->undo && cfg->unsafe)
		errx(2, "--undo has no effect with --unsafe: there is no mutex "
		    "to undo");
}

/*
 * --graph: parsed once -t is known, before any object is made; the
 * options it replaces or cannot honour are an error.
 */
static void
check_graph(struct config *cfg, char given[][OPTNAME_MAX])
{
	static struct graph	 g;
	static const char	*const clash[] = { "producers", "consumers",
	    "mailbox", "unsafe", "undo", "free" };
	const struct scn_setting *st;
	const struct opt	*o;
	char			 err[512], at[PATH_MAX + 32] = "";
	size_t			 i;

	if (cfg->graph_spec == NULL)
		return;
	/* A scenario's graph: its errors say where in the file it is. */
	o = opt_named("graph");
	if (given[o - opts][0] == '\0' &&
	    (st = scenario_setting(cfg, "graph")) != NULL)
		snprintf(at, sizeof(at), "%s:%d:%d: ", visible(cfg->scenario),
		    st->line, st->col);
	if (cfg->graph_spec[0] == '\0')
		errx(2, "%s--graph \"\": no stages; see ipcscope --help", at);
	for (i = 0; cfg->graph_spec[i] != '\0'; i++)
		if ((unsigned char)cfg->graph_spec[i] < 0x20 ||
		    (unsigned char)cfg->graph_spec[i] >= 0x7f)
			errx(2, "%s--graph \"%s\": a byte that is not printable "
			    "ASCII at column %zu", at, visible(cfg->graph_spec),
			    i + 1);
	for (i = 0; i < sizeof(clash) / sizeof(clash[0]); i++) {
		o = opt_named(clash[i]);
		if (o != NULL && given[o - opts][0] != '\0')
			errx(2, "%s has no effect with --graph: its stages say "
			    "who runs", given[o - opts]);
		/* Nor may the scenario set one. */
		if (o != NULL && (st = scenario_setting(cfg, clash[i])) != NULL)
			errx(2, "%s:%d:%d: %s has no effect with --graph: its "
			    "stages say who runs", visible(cfg->scenario),
			    st->line, st->col, st->name);
	}
	if (graph_parse(cfg->graph_spec, cfg->transport, &g, err,
	    sizeof(err)) == -1)
		errx(2, "%s%s", at, err);
	cfg->graph = &g;
}

static int
demo_mode(const struct config *cfg)
{
	return (mode_of(false, cfg));
}

static int
clean_mode(const struct config *cfg)
{
	(void)cfg;
	return (M_CLEAN);
}

static int
replay_mode(const struct config *cfg)
{
	return (cfg->headless ? M_REPLAY_LINES : M_REPLAY);
}

static int
watch_mode(const struct config *cfg)
{
	if (cfg->json)
		return (M_WATCH_JSON);
	return (cfg->once ? M_WATCH_TEXT : M_WATCH);
}

/* step: --headless, or --json as its synonym, prints lines. */
static int
step_mode(const struct config *cfg)
{
	return (cfg->headless || cfg->json ? M_STEP_LINES : M_STEP);
}

static int
step_face(const struct config *cfg, const char *const *ops)
{
	struct config	c = *cfg;

	(void)ops;
	c.headless = cfg->headless || cfg->json;
	return (step_main(&c));
}

static int
lesson_mode(const struct config *cfg)
{
	return (cfg->headless ? M_LESSON_LINES : M_LESSON);
}

/* ops[0]: the lesson's name, or NULL to list them. */
static int
lesson_face(const struct config *cfg, const char *const *ops)
{
	return (lesson_main(cfg, ops[0]));
}

static int
bench_mode(const struct config *cfg)
{
	(void)cfg;
	return (M_BENCH);
}

static int
bench_face(const struct config *cfg, const char *const *ops)
{
	(void)ops;
	return (bench_main(cfg));
}

static int
watch_face(const struct config *cfg, const char *const *ops)
{
	(void)ops;
	return (watch_main(cfg));
}

static int
demo_main(const struct config *cfg, const char *const *ops)
{
	(void)ops;
	if (cfg->headless && cfg->free_run)
		return (free_main(cfg));
	return (cfg->headless ? headless_main(cfg) : ui_main(cfg));
}

static int
clean_face(const struct config *cfg, const char *const *ops)
{
	(void)cfg;
	(void)ops;
	return (clean_main());
}

static int
replay_main(const struct config *cfg, const char *const *ops)
{
	return (cfg->headless ? replay_lines(ops[0]) : ui_replay(cfg, ops[0]));
}

/* The faces: a command word, what it needs, how its options are judged,
 * and what runs it. */
static const struct face {
	const char	*name;
	int		 nargs;		/* operands after the command; -1:
					 * one, which may be left out */
	const char	*args;		/* what they are, in words */
	int		(*mode)(const struct config *);
	int		(*main)(const struct config *, const char *const *);
} faces[] = {
	{ "demo",	0, NULL,	demo_mode,	demo_main },
	{ "replay",	1, "a recording (a FILE that --record wrote)",
	    replay_mode, replay_main },
	{ "clean",	0, NULL,	clean_mode,	clean_face },
	{ "watch",	0, NULL,	watch_mode,	watch_face },
	{ "step",	0, NULL,	step_mode,	step_face },
	{ "lesson",	-1, NULL,	lesson_mode,	lesson_face },
	{ "bench",	0, NULL,	bench_mode,	bench_face },
};

static const struct face *
face_find(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof(faces) / sizeof(faces[0]); i++)
		if (strcmp(faces[i].name, name) == 0)
			return (&faces[i]);
	return (NULL);
}

/* "demo, replay, clean", for an error about a command. */
static const char *
face_names(void)
{
	static char	buf[64];
	size_t		i;

	buf[0] = '\0';
	for (i = 0; i < sizeof(faces) / sizeof(faces[0]); i++) {
		if (i > 0)
			strlcat(buf, ", ", sizeof(buf));
		strlcat(buf, faces[i].name, sizeof(buf));
	}
	return (buf);
}

/* One option into cfg; 1 when it answers at once (--help, --version,
 * --list-transports) and main has nothing more to do. */
static int
apply_option(int ch, const char *name, const char *arg, struct config *cfg)
{
	char		why[256];
	unsigned	key;

	switch (ch) {
	case 't':
		cfg->transport = transport_arg(name, arg);
		cfg->transport_given = true;
		break;
	case 'n':
		cfg->slots = (int)number(name, arg, SLOTS_MIN, SLOTS_MAX);
		break;
	case 'p':
		cfg->producers = (int)number(name, arg, 1,
		    WORKERS_PER_ROLE_MAX);
		break;
	case 'c':
		cfg->consumers = (int)number(name, arg, 1,
		    WORKERS_PER_ROLE_MAX);
		break;
	case 's':
		cfg->item_size = (size_t)number(name, arg, ITEM_SIZE_MIN,
		    ITEM_SIZE_MAX);
		break;
	case OPT_SPEED:
		cfg->speed_ms = cfg->cspeed_ms = (int)number(name, arg,
		    SPEED_MIN_MS, SPEED_MAX_MS);
		break;
	case OPT_RUN:
		cfg->run = true;
		break;
	case OPT_HEADLESS:
		cfg->headless = true;
		break;
	case OPT_KEYS:
		/* step's keys are its programs' numbers: step_main checks. */
		if (cfg->step_argv == NULL)
			check_keys(name, arg);
		cfg->keys = arg;
		break;
	case OPT_JSON:
		cfg->json = true;
		break;
	case OPT_STEPS:
		cfg->steps = (long)number(name, arg, 1, 100000000);
		break;
	case OPT_FRAMES:
		cfg->frames = (long)number(name, arg, 1, 100000000);
		break;
	case OPT_MAILBOX:
		cfg->mailbox = true;
		break;
	case OPT_RECORD:
		cfg->record = file_arg(name, arg);
		break;
	case OPT_UNSAFE:
		cfg->unsafe = true;
		break;
	case OPT_UNDO:
		cfg->undo = true;
		break;
	case OPT_THEME:
		if (ui_theme_find(arg) == -1)
			errx(2, "%s \"%s\": no such theme; themes: %s", name,
			    visible(arg), ui_theme_names());
		cfg->theme = arg;
		break;
	case 'd':
		if ((cfg->delay_ms = watch_delay_arg(name, arg, why,
		    sizeof(why))) == -1)
			errx(2, "%s", why);
		break;
	case OPT_ONCE:
		cfg->once = true;
		break;
	case OPT_KEY:
		if (watch_key_arg(name, arg, &key, why, sizeof(why)) == -1)
			errx(2, "%s", why);
		cfg->follow_key = arg;
		break;
	case OPT_ID:
		number(name, arg, 0, INT_MAX);
		cfg->follow_id = arg;
		break;
	case OPT_NAME:
	case OPT_TYPE:
		if (watch_word_arg(name, arg, why, sizeof(why)) == -1)
			errx(2, "%s", why);
		*(ch == OPT_NAME ? &cfg->follow_name : &cfg->type_filter) = arg;
		break;
	case OPT_GRAPH:
		cfg->graph_spec = arg;
		break;
	case OPT_SVG:
		cfg->svg_dir = dir_arg(name, arg);
		break;
	case OPT_ALL:
		cfg->step_all = true;
		break;
	case OPT_KILL:
		cfg->step_kill = true;
		break;
	case OPT_SECONDS:
		if (bench_seconds_arg(name, arg, &cfg->seconds, why,
		    sizeof(why)) == -1)
			errx(2, "%s", why);
		break;
	case OPT_REPEAT:
		cfg->repeat = (int)number(name, arg, 1, BENCH_REPEAT_MAX);
		break;
	case OPT_PIN:
		cfg->pin = true;
		break;
	case OPT_FREE:
		cfg->free_run = true;
		break;
	case OPT_SIZES:
		if (bench_sizes_arg(name, arg, cfg->sizes,
		    sizeof(cfg->sizes) / sizeof(cfg->sizes[0]), why,
		    sizeof(why)) == -1)
			errx(2, "%s", why);
		break;
	case OPT_LIST:
		list_transports();
		return (1);
	case OPT_SCENARIO:
		cfg->scenario = file_arg(name, arg);
		break;
	case OPT_LIST_SCENARIOS:
		list_scenarios();
		return (1);
	case 'h':
		usage(stdout);
		return (1);
	case 'V':
		printf("ipcscope %s\n", IPCSCOPE_VERSION);
		return (1);
	}
	return (0);
}

/*
 * ipcscope step [options] -- PROG...: everything after the first "--" is
 * the programs', cut off argv before getopt sees it (the new argc). An empty list (a
 * step without "--") is step_main's one line.
 */
static int
step_programs(struct config *cfg, int argc, char *argv[])
{
	static char	*none[] = { NULL };
	int		 i;

	cfg->step_argv = none;
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			cfg->step_argv = argv + i + 1;
			cfg->step_argc = argc - i - 1;
			return (i);
		}
	return (argc);
}

/*
 * The face the words ask for: the command (argv[1], or a command word
 * after the options, as in "--headless replay FILE"), with exactly the
 * operands it takes; *first is where they start in ops.
 */
static const struct face *
choose_face(const char *face, const char *const *ops, int nops, int *first)
{
	const struct face	*f;
	int			 i = 0, min, max;

	/* Another word there is just an argument too many. */
	if (face == NULL && nops > 0 && face_find(ops[0]) != NULL)
		face = ops[i++];
	if ((f = face_find(face != NULL ? face : "demo")) == NULL)
		errx(2, "unknown command \"%s\"; commands: %s", visible(face),
		    face_names());
	min = f->nargs < 0 ? 0 : f->nargs;
	max = f->nargs < 0 ? -f->nargs : f->nargs;
	if (nops - i < min)
		errx(2, "%s needs %s; see ipcscope --help", f->name, f->args);
	if (nops - i > max)
		errx(2, "unexpected argument \"%s\": only options may follow "
		    "the command%s; see ipcscope --help",
		    visible(ops[i + max]), f->nargs > 0 ? " and its file" :
		    f->nargs < 0 ? " and its name" : "");
	*first = i;
	return (f);
}

int
main(int argc, char *argv[])
{
	struct config		 cfg;
	struct option		 longopts[NOPTS + 1];
	const struct opt	*o;
	char			 shortopts[2 * NOPTS + 3];
	char			 given[NOPTS][OPTNAME_MAX], *name;
	const struct face	*f;
	char *const		*argv0 = argv;
	const char		*face = NULL, *ops[OPERANDS_MAX];
	int			 ch, at, nops = 0, first;

	setlocale(LC_ALL, "");
	setproctitle_init(argc, argv, environ);
	config_defaults(&cfg);
	memset(given, 0, sizeof(given));
	getopt_tables(longopts, shortopts, sizeof(shortopts));
	if (argc > 1 && argv[1][0] != '-') {
		face = argv[1];
		argv++;
		argc--;
	}
	/* step: its programs' own options are theirs, never read here. */
	if (face != NULL && strcmp(face, "step") == 0)
		argc = step_programs(&cfg, argc, argv);
	opterr = 0;	/* one line of our own, not getopt's two */
	for (;;) {
		at = optind;	/* the argument getopt is about to read */
		if ((ch = getopt_long(argc, argv, shortopts, longopts,
		    NULL)) == -1) {
			/* An operand (a command, a file): kept, and the
			 * options after it read too. */
			if (optind >= argc || nops == OPERANDS_MAX)
				break;
			ops[nops++] = argv[optind++];
			continue;
		}
		if (ch == '?' || ch == ':' || (o = opt_find(ch)) == NULL)
			bad_option(ch, argv[at]);
		name = given[o - opts];
		opt_spell(name, o, argv[at]);
		if (apply_option(ch, name, optarg, &cfg))
			return (0);
	}
	f = choose_face(face, ops, nops, &first);
	check_modes(f->mode(&cfg), &cfg, given);
	/* After the command line's own checks: its options win. */
	if (cfg.scenario != NULL)
		scenario_settings(&cfg, given, f->mode(&cfg));
	check_race(&cfg);
	check_graph(&cfg, given);
	scenario_workers(&cfg);
	cfg.argv = argv0;
	/* A face whose operand may be left out finds NULL there. */
	if (nops < OPERANDS_MAX)
		ops[nops] = NULL;
	return (f->main(&cfg, ops + first));
}
