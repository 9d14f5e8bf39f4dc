/*
 * --headless: run the demo without a screen. With --keys, one line per key
 * once the system has settled; with --run, one line per step until a
 * signal or --steps N. --json prints snapshots, otherwise the event. A
 * worker that fails the run ends it: no line for that step, the reason on
 * stderr, exit status 2.
 */
#include <err.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/control.h"
#include "ipcscope/export.h"
#include "ipcscope/headless.h"
#include "ipcscope/keys.h"
#include "ipcscope/record.h"
#include "ipcscope/sig.h"
#include "ipcscope/svg.h"
#include "ipcscope/visible.h"

static struct snapshot	snap;
static struct recorder	*rec;		/* --record, or NULL */
static const char	*svg_dir;	/* --svg DIR, or NULL */
static unsigned		 svg_n;		/* pictures written */

/*
 * --svg: the picture of s as DIR/ipcscope-NNNN.svg, NNNN the number of
 * the line printed for it (from 1, the closing line too). A file that is
 * there is never replaced: the run fails, saying which, in ctl->failure.
 */
static void
svg_picture(struct control *ctl, const struct snapshot *s)
{
	static const char *const ext[] = { "svg" };
	char			 stem[32], path[1][4096];
	FILE			*f[1];
	int			 bad;

	if (svg_dir == NULL || ctl->failure[0] != '\0')
		return;
	snprintf(stem, sizeof(stem), "ipcscope-%04u", ++svg_n);
	/* One name: another would not be this line's. */
	if (export_create(svg_dir, stem, ext, 1, 1, f, path) == 0) {
		bad = svg_write(f[0], s);
		if (export_close(f[0], path[0]) == 0 && bad == 0)
			return;
		unlink(path[0]);
	}
	snprintf(ctl->failure, sizeof(ctl->failure), "--svg: cannot write "
	    "%s/%s.svg: %s", visible(svg_dir), stem, strerror(errno));
}

/* A snapshot on stdout, untimed: the same keys give the same lines. */
static void
json_line(struct snapshot *s)
{
	long long	at = s->at_ms;

	s->at_ms = -1;
	snapshot_json_write(stdout, s);
	s->at_ms = at;
}

static void
emit(struct control *ctl, bool json)
{
	control_snapshot(ctl, &snap);
	record_write(rec, &snap);
	if (json)
		json_line(&snap);
	else {
		printf("%lu %s: %s\n", snap.step, snap.key, snap.event);
		fflush(stdout);
	}
	svg_picture(ctl, &snap);
}

/* Signals that arrived meanwhile: SIGCHLD is news, the rest mean stop. */
static int
drain_signals(struct control *ctl, int sigfd, bool json)
{
	int	sig, react = REACT_NONE;

	while ((sig = sig_read(sigfd)) != 0) {
		react = control_signal(ctl, sig);
		if (react & REACT_QUIT)
			return (REACT_QUIT);
		if (react & REACT_SAMPLE)
			emit(ctl, json);
	}
	return (react);
}

/* Each returns how the run ended: "signal", "quit", "keys" or "steps"
 * (or "failed": the reason is in ctl->failure). */
/* The scenario, while it plays (to its next mark): a line a command.
 * NULL, or how the run ended. */
static const char *
play(struct control *ctl, int sigfd, bool json)
{
	int	react;

	while (control_playing(ctl)) {
		if (drain_signals(ctl, sigfd, json) & REACT_QUIT)
			return ("signal");
		react = control_tick(ctl);
		if (react & REACT_FAIL)
			return ("failed");
		if (react & REACT_SAMPLE)
			emit(ctl, json);
	}
	return (NULL);
}

/* --scenario without --keys: the whole script, mark after mark. */
static const char *
play_all(struct control *ctl, int sigfd, bool json)
{
	const char	*why;

	for (;;) {
		if ((why = play(ctl, sigfd, json)) != NULL)
			return (why);
		if (!control_script_left(ctl))
			return (NULL);
		control_play(ctl);
	}
}

static const char *
run_keys(struct control *ctl, int sigfd, const char *keys, bool json)
{
	const char	*k, *why;
	int		 react;

	for (k = keys; *k != '\0'; k++) {
		if (drain_signals(ctl, sigfd, json) & REACT_QUIT)
			return ("signal");
		react = control_key(ctl, (unsigned char)*k);
		if (react & REACT_FAIL)
			return ("failed");
		if (react & REACT_HELP)
			strlcpy(ctl->rep.event, keys_help(KEYS_DEMO),
			    sizeof(ctl->rep.event));
		emit(ctl, json);
		if (ctl->failure[0] != '\0')
			return ("failed");
		if (react & REACT_QUIT)
			return ("quit");
		/* n: the scenario plays on to its next mark. */
		if ((why = play(ctl, sigfd, json)) != NULL)
			return (why);
	}
	return ("keys");
}

static const char *
run_timed(struct control *ctl, int sigfd, long steps, bool json)
{
	struct pollfd	pfd = { .fd = sigfd, .events = POLLIN };
	int		react;

	ctl->mode = MODE_RUN;
	while (steps == 0 || (long)ctl->steps < steps) {
		if (poll(&pfd, 1, control_timeout(ctl)) > 0 &&
		    (drain_signals(ctl, sigfd, json) & REACT_QUIT))
			return ("signal");
		react = control_tick(ctl);
		if (react & REACT_FAIL)
			return ("failed");
		if (react & REACT_SAMPLE)
			emit(ctl, json);
		if (ctl->failure[0] != '\0')
			return ("failed");
	}
	return ("steps");
}

/*
 * The closing line, on every way out but a failed run (whose line is the
 * reason on stderr): the audit of what the consumers took. With --json it
 * is one more snapshot, whole, so every line still reads as one: key
 * "end", the same audit sentence as its event, and "closing" saying why the
 * run ended and the exit status that follows.
 */
/* --graph: the items are in every buffer and in the filters' hands,
 * and the audit checks their marks. */
static void
graph_audit_line(const struct snapshot *s, char *line, size_t len)
{
	int	i, inbuf = 0, carried = 0;

	for (i = 0; i < s->nbuffers; i++)
		inbuf += s->buffers[i].count;
	for (i = 0; i < s->nworkers; i++)
		carried += s->workers[i].role == ROLE_FILTER &&
		    s->workers[i].carrying;
	snprintf(line, len, "audit: produced %lu, consumed %lu, in the "
	    "buffers %d, carried by filters %d, duplicates %lu, misrouted "
	    "%lu", s->produced, s->consumed, inbuf, carried,
	    s->audit.duplicates, s->audit.misrouted);
}

static void
closing(struct control *ctl, bool json, const char *why, int status)
{
	char	line[EVENT_MAX], more[64];

	control_snapshot(ctl, &snap);
	if (snap.graph[0] != '\0')
		graph_audit_line(&snap, line, sizeof(line));
	else
		snprintf(line, sizeof(line), "audit: produced %lu, consumed "
		    "%lu, in the buffer %d, duplicates %lu, out of order %lu",
		    snap.produced, snap.consumed, snap.nbuffers > 0 ?
		    snap.buffers[0].count : 0, snap.audit.duplicates,
		    snap.audit.out_of_order);
	/* Only when it happens, so a clean line stays the same. */
	if (snap.audit.unknown > 0) {
		snprintf(more, sizeof(more), ", unknown %lu",
		    snap.audit.unknown);
		strlcat(line, more, sizeof(line));
	}
	if (snap.audit.lost > 0) {
		snprintf(more, sizeof(more), ", lost %lu", snap.audit.lost);
		strlcat(line, more, sizeof(line));
	}
	strlcpy(snap.key, "end", sizeof(snap.key));
	strlcpy(snap.event, line, sizeof(snap.event));
	snap.nfacts = 0;
	strlcpy(snap.closing.reason, why, sizeof(snap.closing.reason));
	snap.closing.signal = strcmp(why, "signal") == 0 ? ctl->quit_signal : 0;
	snap.closing.status = status;
	record_write(rec, &snap);
	if (json)
		json_line(&snap);
	else {
		printf("%s\n", line);
		fflush(stdout);
	}
	svg_picture(ctl, &snap);
	memset(&snap.closing, 0, sizeof(snap.closing));
}

int
headless_main(const struct config *cfg)
{
	struct control	 ctl;
	const char	*why;
	char		 err[512];
	int		 sigfd, status;

	/* The recording first: a file it cannot make is said before any
	 * object is made. */
	if (cfg->record != NULL && (rec = record_open(cfg->record, cfg,
	    cfg->argv, err, sizeof(err))) == NULL) {
		warnx("%s", err);
		return (2);
	}
	svg_dir = cfg->svg_dir;
	sigfd = sig_open();
	if (control_start(&ctl, cfg, err, sizeof(err)) == -1) {
		record_close(rec, err, sizeof(err));
		warnx("%s", visible_msg(err));
		return (2);
	}
	/* A scenario first: its opening line, then up to its first mark
	 * when keys follow, or whole. */
	why = NULL;
	if (cfg->script != NULL) {
		emit(&ctl, cfg->json);
		why = cfg->keys != NULL ? play(&ctl, sigfd, cfg->json) :
		    play_all(&ctl, sigfd, cfg->json);
	}
	if (why != NULL)
		;
	else if (cfg->keys != NULL)
		why = run_keys(&ctl, sigfd, cfg->keys, cfg->json);
	else if (cfg->run)
		why = run_timed(&ctl, sigfd, cfg->steps, cfg->json);
	else if (cfg->script != NULL)
		why = "script";
	else {
		emit(&ctl, cfg->json);
		why = "once";
	}
	if (ctl.failure[0] != '\0') {
		control_stop(&ctl);
		record_close(rec, err, sizeof(err));
		warnx("%s", ctl.failure);
		return (2);
	}
	/* Like a shell: 128 + the signal that stopped us. */
	status = strcmp(why, "signal") == 0 ? 128 + ctl.quit_signal : 0;
	closing(&ctl, cfg->json, why, status);
	control_stop(&ctl);
	if (ctl.failure[0] != '\0') {
		record_close(rec, err, sizeof(err));
		warnx("%s", ctl.failure);
		return (2);
	}
	if (record_close(rec, err, sizeof(err)) == -1) {
		warnx("%s", err);
		return (2);
	}
	return (status);
}
