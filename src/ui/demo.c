/*
 * The live demo as the loop's source: keys and ticks go to the control
 * (control.h), each frame is a fresh snapshot of the session, recorded
 * when --record asks.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>

#include "ipcscope/control.h"
#include "ipcscope/record.h"
#include "ipcscope/ui.h"
#include "ipcscope/visible.h"
#include "ui_int.h"

/* --free: each worker's items/s, worked out over about half a second
 * (a frame's count alone would jitter), by pid. */
#define RATE_MS		500

static struct rate {
	pid_t		pid;
	unsigned long	done;		/* at the start of the window */
	long		at_ms;
	unsigned long	rate;		/* over the last whole window */
} rates[WORKERS_MAX];

static void
free_rates_fill(struct snapshot *cur)
{
	struct snap_worker	*w;
	struct rate		*r, *spare;
	int			 i, j;

	for (i = 0; i < cur->nworkers; i++) {
		w = &cur->workers[i];
		r = spare = NULL;
		for (j = 0; j < WORKERS_MAX && r == NULL; j++) {
			if (rates[j].pid == w->pid)
				r = &rates[j];
			else if (spare == NULL && rates[j].pid == 0)
				spare = &rates[j];
		}
		/* All taken (workers died and came): reuse one by place. */
		if (r == NULL && spare == NULL)
			spare = &rates[i % WORKERS_MAX];
		if (r == NULL && (r = spare) != NULL)
			*r = (struct rate){ w->pid, w->done, cur->at_ms, 0 };
		if (r == NULL || !w->alive)
			continue;
		if (cur->at_ms - r->at_ms >= RATE_MS && w->done >= r->done) {
			r->rate = (w->done - r->done) * 1000 /
			    (unsigned long)(cur->at_ms - r->at_ms);
			r->done = w->done;
			r->at_ms = cur->at_ms;
		}
		w->rate = r->rate;
	}
}

static struct {
	struct control	 ctl;
	bool		 started;
	long		 frames;	/* taken so far: the first has no prev */
	struct recorder	*rec;
} demo;

static int
demo_key(void *arg, int key)
{
	(void)arg;
	return (control_key(&demo.ctl, key));
}

static int
demo_timeout(void *arg)
{
	(void)arg;
	return (control_timeout(&demo.ctl));
}

static int
demo_tick(void *arg)
{
	(void)arg;
	return (control_tick(&demo.ctl));
}

static int
demo_signal(void *arg, int sig)
{
	(void)arg;
	return (control_signal(&demo.ctl, sig));
}

static bool
demo_frame(void *arg, struct snapshot *cur, struct snapshot *prev,
    struct ui_log *log)
{
	char	line[EVENT_MAX + 32];

	(void)arg;
	if (demo.frames > 0)
		memcpy(prev, cur, sizeof(*prev));
	control_snapshot(&demo.ctl, cur);
	if (demo.ctl.cfg.free_run)
		free_rates_fill(cur);
	record_write(demo.rec, cur);
	ui_log_line(cur, line, sizeof(line));
	if (line[0] != '\0')
		ui_log_push(log, line);
	return (demo.frames++ > 0);
}

static void
demo_status(void *arg, const struct snapshot *s, struct ui_status *st)
{
	unsigned long	total = 0;
	int		i;

	(void)arg;
	if (demo.ctl.cfg.free_run) {
		for (i = 0; i < s->nworkers; i++)
			if (s->workers[i].role == ROLE_CONSUMER)
				total += s->workers[i].rate;
		st->running = true;
		st->badge = " F R E E ";
		st->role = UI_MODE_RUN;
		st->face = KEYS_DEMO;
		st->word = "FREE";
		snprintf(st->detail, sizeof(st->detail), "no permits, %d Hz, "
		    "%lu items/s", FREE_HZ, total);
		return;
	}
	st->running = s->mode == MODE_RUN;
	st->badge = st->running ? " R U N N I N G " : " S T E P ";
	st->role = st->running ? UI_MODE_RUN : UI_MODE_STEP;
	st->face = KEYS_DEMO;
	st->word = st->running ? "RUNNING" : "STEP";
	snprintf(st->detail, sizeof(st->detail), "P%d C%d ms  %s", s->speed_ms,
	    s->cspeed_ms, s->granularity == GRAIN_ITEM ? "per item" :
	    "per call");
}

/* Remove every object: the loop calls it on every way out. */
static void
demo_stop(void *arg)
{
	(void)arg;
	if (demo.started)
		control_stop(&demo.ctl);
	demo.started = false;
}

static const struct ui_source demo_source = {
	.face = KEYS_DEMO,
	.key = demo_key,
	.wait_ms = demo_timeout,
	.tick = demo_tick,
	.signal = demo_signal,
	.frame = demo_frame,
	.status = demo_status,
	.stop = demo_stop,
};

int
ui_main(const struct config *cfg)
{
	char	err[512];
	int	status = 0;

	/* The recording first: a file it cannot make is said before the
	 * screen starts or any object is made. */
	if (cfg->record != NULL && (demo.rec = record_open(cfg->record, cfg,
	    cfg->argv, err, sizeof(err))) == NULL) {
		warnx("%s", err);
		return (2);
	}
	theme_prefer(cfg->theme);
	if (ui_screen_start() == -1) {
		record_close(demo.rec, err, sizeof(err));
		return (2);
	}
	if (control_start(&demo.ctl, cfg, err, sizeof(err)) == -1) {
		ui_screen_end();
		record_close(demo.rec, err, sizeof(err));
		warnx("%s", visible_msg(err));
		return (2);
	}
	demo.started = true;
	status = ui_run(&demo_source, cfg->frames);
	if (status == 0 && demo.ctl.quit_signal != 0)
		status = 128 + demo.ctl.quit_signal;
	ui_screen_end();
	/* A worker failed the run: said once the terminal is restored. */
	if (demo.ctl.failure[0] != '\0') {
		warnx("%s", demo.ctl.failure);
		status = 2;
	}
	if (record_close(demo.rec, err, sizeof(err)) == -1) {
		warnx("%s", err);
		status = 2;
	}
	return (status);
}
