/*
 * A recording as the loop's source: the same panels, drawn only from the
 * file. Left and right step back and forth, home and end jump, r plays at
 * the recorded pace (+ and - change it). No kernel object is made.
 */
#include <err.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ipcscope/clock.h"
#include "ipcscope/control.h"
#include "ipcscope/record.h"
#include "ipcscope/replay.h"
#include "ipcscope/visible.h"
#include "ui_int.h"

#define PACE_MIN	-4	/* 1/16 of the recorded pace */
#define PACE_MAX	4	/* 16 times it */
#define GAP_MAX_MS	2000	/* a long pause in the recording plays shorter */

static struct {
	struct recording	*rec;
	size_t			 pos;		/* the snapshot shown */
	bool			 playing;
	int			 pace;		/* a power of two */
	long			 due;		/* when playing: the next step */
	char			 error[512];
} rp;

/* How long the recording took from pos to pos + 1, at this pace. */
static long
gap_ms(void)
{
	static struct snapshot	a, b;
	char			err[512];
	long long		g = 100;

	if (recording_get(rp.rec, rp.pos, &a, err, sizeof(err)) == 0 &&
	    recording_get(rp.rec, rp.pos + 1, &b, err, sizeof(err)) == 0 &&
	    a.at_ms >= 0 && b.at_ms >= a.at_ms)
		g = b.at_ms - a.at_ms;
	if (g > GAP_MAX_MS)
		g = GAP_MAX_MS;
	return ((long)(rp.pace >= 0 ? g >> rp.pace : g << -rp.pace));
}

static int
go(size_t pos)
{
	size_t	last = recording_len(rp.rec) - 1;

	rp.pos = pos > last ? last : pos;
	if (rp.pos == last)
		rp.playing = false;
	return (REACT_SAMPLE);
}

static int
replay_key(void *arg, int key)
{
	(void)arg;
	switch (keys_action(KEYS_REPLAY, key)) {
	case ACT_BACK:
		rp.playing = false;
		return (go(rp.pos > 0 ? rp.pos - 1 : 0));
	case ACT_FORTH:
		rp.playing = false;
		return (go(rp.pos + 1));
	case ACT_FIRST:
		rp.playing = false;
		return (go(0));
	case ACT_LAST:
		return (go(recording_len(rp.rec) - 1));
	case ACT_RUN:
		rp.playing = !rp.playing && rp.pos + 1 < recording_len(rp.rec);
		rp.due = clock_ms() + gap_ms();
		return (REACT_REDRAW);
	case ACT_FASTER:
		if (rp.pace < PACE_MAX)
			rp.pace++;
		return (REACT_REDRAW);
	case ACT_SLOWER:
		if (rp.pace > PACE_MIN)
			rp.pace--;
		return (REACT_REDRAW);
	case ACT_HELP:
		return (REACT_HELP);
	case ACT_ZOOM:
		return (REACT_ZOOM);
	case ACT_QUIT:
		return (REACT_QUIT);
	default:
		return (REACT_NONE);
	}
}

static int
replay_timeout(void *arg)
{
	long	left;

	(void)arg;
	if (!rp.playing)
		return (-1);
	left = rp.due - clock_ms();
	return (left < 0 ? 0 : (int)left);
}

static int
replay_tick(void *arg)
{
	(void)arg;
	if (!rp.playing)
		return (REACT_NONE);
	go(rp.pos + 1);
	rp.due = clock_ms() + gap_ms();
	return (REACT_SAMPLE);
}

static int
replay_signal(void *arg, int sig)
{
	(void)arg;
	/* Nothing to clean up but the screen: any of them means quit. */
	return (sig == SIGCHLD ? REACT_NONE : REACT_QUIT);
}

/*
 * Snapshot pos, the one before it, and the log as the live screen had it
 * then: the sentences of every snapshot up to pos (the log keeps the last
 * UI_LOG_MAX, so only those are read).
 */
static bool
replay_frame(void *arg, struct snapshot *cur, struct snapshot *prev,
    struct ui_log *log)
{
	char	line[EVENT_MAX + 32];
	size_t	i, from;

	(void)arg;
	memset(log, 0, sizeof(*log));
	from = rp.pos >= UI_LOG_MAX ? rp.pos - UI_LOG_MAX + 1 : 0;
	for (i = from; i <= rp.pos; i++) {
		if (recording_get(rp.rec, i, cur, rp.error,
		    sizeof(rp.error)) == -1)
			return (false);
		ui_log_line(cur, line, sizeof(line));
		if (line[0] != '\0')
			ui_log_push(log, line);
	}
	return (rp.pos > 0 && recording_get(rp.rec, rp.pos - 1, prev,
	    rp.error, sizeof(rp.error)) == 0);
}

static void
replay_status(void *arg, const struct snapshot *s, struct ui_status *st)
{
	(void)arg;
	(void)s;
	st->badge = " R E P L A Y ";
	st->role = rp.playing ? UI_MODE_RUN : UI_MODE_STEP;
	st->face = KEYS_REPLAY;
	st->running = rp.playing;
	st->word = "REPLAY";
	snprintf(st->detail, sizeof(st->detail), "step %zu of %zu  %s%d",
	    rp.pos + 1, recording_len(rp.rec), rp.pace >= 0 ? "x" : "x1/",
	    1 << (rp.pace >= 0 ? rp.pace : -rp.pace));
}

static const struct ui_source replay_source = {
	.face = KEYS_REPLAY,
	.key = replay_key,
	.wait_ms = replay_timeout,
	.tick = replay_tick,
	.signal = replay_signal,
	.frame = replay_frame,
	.status = replay_status,
	.stop = NULL,
};

int
ui_replay(const struct config *cfg, const char *path)
{
	char	err[512];
	int	status;

	/* The whole file is read before the screen starts: a bad one is
	 * one line, and the terminal never sees a byte. */
	if ((rp.rec = recording_open(path, err, sizeof(err))) == NULL) {
		warnx("%s", err);
		return (2);
	}
	theme_prefer(cfg->theme);
	if (ui_screen_start() == -1) {
		recording_close(rp.rec);
		return (2);
	}
	status = ui_run(&replay_source, cfg->frames);
	ui_screen_end();
	recording_close(rp.rec);
	if (rp.error[0] != '\0') {
		warnx("%s: %s", visible(path), rp.error);
		status = 2;
	}
	return (status);
}
