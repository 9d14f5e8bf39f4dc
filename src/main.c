/* ipcscope: command line → one of the faces. */
#include <err.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/config.h"
#include "ipcscope/control.h"
#include "ipcscope/headless.h"
#include "ipcscope/clean.h"
#include "ipcscope/runfile.h"
#include "ipcscope/transport.h"
#include "ipcscope/ui.h"

#ifndef IPCSCOPE_VERSION
#define IPCSCOPE_VERSION "0.1.0"
#endif

extern char **environ;

enum {
	OPT_SPEED = 0x100, OPT_RUN, OPT_HEADLESS, OPT_KEYS, OPT_JSON,
	OPT_STEPS, OPT_FRAMES, OPT_LIST, OPT_MAILBOX
};

static const struct option longopts[] = {
	{ "transport",	required_argument, NULL, 't' },
	{ "slots",	required_argument, NULL, 'n' },
	{ "producers",	required_argument, NULL, 'p' },
	{ "consumers",	required_argument, NULL, 'c' },
	{ "item-size",	required_argument, NULL, 's' },
	{ "speed",	required_argument, NULL, OPT_SPEED },
	{ "run",	no_argument,	   NULL, OPT_RUN },
	{ "headless",	no_argument,	   NULL, OPT_HEADLESS },
	{ "keys",	required_argument, NULL, OPT_KEYS },
	{ "json",	no_argument,	   NULL, OPT_JSON },
	{ "steps",	required_argument, NULL, OPT_STEPS },
	{ "frames",	required_argument, NULL, OPT_FRAMES },
	{ "list-transports", no_argument,  NULL, OPT_LIST },
	{ "mailbox",	no_argument,	   NULL, OPT_MAILBOX },
	{ "help",	no_argument,	   NULL, 'h' },
	{ "version",	no_argument,	   NULL, 'V' },
	{ NULL,		0,		   NULL, 0 }
};

static void
usage(FILE *f)
{
	fprintf(f,
"usage: ipcscope [demo] [options]\n"
"       ipcscope clean\n"
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
"      --keys SCRIPT     headless: press these keys, one line per key\n"
"      --json            headless: print JSON snapshots, not sentences\n"
"      --steps N         headless --run: stop after N steps\n"
"      --frames N        quit the screen after N frames (for tests)\n"
"      --list-transports print the transports and exit\n"
"      --mailbox         sysv-msg: producers address consumers by mtype\n"
"  -h, --help            this help\n"
"  -V, --version         the version\n"
"\n"
"keys:\n%s"
"\n"
"clean: removes the objects of earlier runs whose viewer is dead, and only\n"
"those (run files in $IPCSCOPE_RUNDIR, $XDG_RUNTIME_DIR/ipcscope or\n"
"/tmp/ipcscope-UID).\n",
	    SLOTS_MIN, SLOTS_MAX, WORKERS_PER_ROLE_MAX, WORKERS_PER_ROLE_MAX,
	    ITEM_SIZE_MIN, ITEM_SIZE_MAX, SPEED_MIN_MS, SPEED_MAX_MS,
	    SPEED_DEFAULT_MS, control_help());
}

static long long
number(const char *flag, const char *arg, long long min, long long max)
{
	const char	*errstr;
	long long	 v;

	v = strtonum(arg, min, max, &errstr);
	if (errstr != NULL)
		errx(2, "%s %s: %s; allowed: %lld..%lld", flag, arg, errstr,
		    min, max);
	return (v);
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

	if (runfile_dir(dir, sizeof(dir), why, sizeof(why)) == -1)
		errx(2, "%s", why);
	if (clean_dir(dir, stdout, &rep) == -1)
		err(2, "%s", dir);
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

static void
check_keys(const char *keys)
{
	const char	*k;

	for (k = keys; *k != '\0'; k++)
		if (strchr(control_keys, *k) == NULL)
			errx(2, "--keys: '%c' is not a key; keys are \"%s\" "
			    "and tab", *k, " pcrgPCkt+-[]?q");
}

int
main(int argc, char *argv[])
{
	struct config	 cfg;
	const char	*face = "demo";
	int		 ch;

	setlocale(LC_ALL, "");
	setproctitle_init(argc, argv, environ);
	config_defaults(&cfg);
	if (argc > 1 && argv[1][0] != '-') {
		face = argv[1];
		argv++;
		argc--;
	}
	opterr = 0;	/* one line of our own, not getopt's two */
	while ((ch = getopt_long(argc, argv, ":t:n:p:c:s:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 't':
			if ((cfg.transport = transport_find(optarg)) == NULL)
				errx(2, "--transport %s: no such transport; "
				    "see --list-transports", optarg);
			break;
		case 'n':
			cfg.slots = (int)number("--slots", optarg, SLOTS_MIN,
			    SLOTS_MAX);
			break;
		case 'p':
			cfg.producers = (int)number("--producers", optarg, 1,
			    WORKERS_PER_ROLE_MAX);
			break;
		case 'c':
			cfg.consumers = (int)number("--consumers", optarg, 1,
			    WORKERS_PER_ROLE_MAX);
			break;
		case 's':
			cfg.item_size = (size_t)number("--item-size", optarg,
			    ITEM_SIZE_MIN, ITEM_SIZE_MAX);
			break;
		case OPT_SPEED:
			cfg.speed_ms = cfg.cspeed_ms = (int)number("--speed",
			    optarg, SPEED_MIN_MS, SPEED_MAX_MS);
			break;
		case OPT_RUN:
			cfg.run = true;
			break;
		case OPT_HEADLESS:
			cfg.headless = true;
			break;
		case OPT_KEYS:
			check_keys(optarg);
			cfg.keys = optarg;
			break;
		case OPT_JSON:
			cfg.json = true;
			break;
		case OPT_STEPS:
			cfg.steps = (long)number("--steps", optarg, 1, 100000000);
			break;
		case OPT_FRAMES:
			cfg.frames = (long)number("--frames", optarg, 1, 100000000);
			break;
		case OPT_MAILBOX:
			cfg.mailbox = true;
			break;
		case OPT_LIST:
			list_transports();
			return (0);
		case 'h':
			usage(stdout);
			return (0);
		case 'V':
			printf("ipcscope %s\n", IPCSCOPE_VERSION);
			return (0);
		case ':':
			errx(2, "%s needs a value; see ipcscope --help",
			    argv[optind - 1]);
		default:
			errx(2, "unknown option '%s'; see ipcscope --help",
			    argv[optind - 1]);
		}
	}
	if (optind != argc)
		errx(2, "unexpected argument '%s'; see ipcscope --help",
		    argv[optind]);
	if (strcmp(face, "clean") == 0)
		return (clean_main());
	if (strcmp(face, "demo") != 0)
		errx(2, "unknown command '%s'; commands: demo, clean", face);
	if (!cfg.headless && (cfg.keys != NULL || cfg.json || cfg.steps != 0))
		errx(2, "--keys, --json and --steps go with --headless");
	if (cfg.keys != NULL && cfg.run)
		errx(2, "--keys and --run do not go together");
	if (cfg.mailbox && strcmp(cfg.transport->name, "sysv-msg") != 0)
		errx(2, "--mailbox goes with --transport sysv-msg only");
	if (cfg.headless)
		return (headless_main(&cfg));
	return (ui_main(&cfg));
}
