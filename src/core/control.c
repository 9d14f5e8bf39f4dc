/* Keys → actions on the session; the TUI and --headless share them. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ipcscope/clock.h"
#include "ipcscope/control.h"
#include "ipcscope/event.h"
#include "ipcscope/keys.h"
#include "ipcscope/transport.h"

/* What --unsafe and --undo change here; t may switch to a transport
 * they do not apply to, which says so. */
static void
race_note(struct control *ctl, const struct config *cfg)
{
	unsigned	f = cfg->transport->features;

	if (cfg->unsafe && (f & TF_UNSAFE))
		report_say(&ctl->rep, "No mutex (--unsafe): a slot is written "
		    "in three steps, read in, write slot i, store in = i + 1, "
		    "so two producers (or consumers) stepped in turn use one "
		    "slot");
	else if (cfg->unsafe)
		report_say(&ctl->rep, "--unsafe does not apply here: %s has "
		    "no mutex to drop", cfg->transport->name);
	if (cfg->undo && (f & TF_UNDO))
		report_say(&ctl->rep, "The mutex is taken with SEM_UNDO "
		    "(--undo): if its holder dies, the kernel gives it back");
	else if (cfg->undo)
		report_say(&ctl->rep, "--undo does not apply here: SEM_UNDO is "
		    "for System V semaphores only");
}

int
control_start(struct control *ctl, const struct config *cfg, char *err,
    size_t errlen)
{
	memset(ctl, 0, sizeof(*ctl));
	ctl->cfg = *cfg;
	ctl->mode = cfg->run ? MODE_RUN : MODE_STEP;
	if ((ctl->s = session_start(&ctl->cfg, err, errlen)) == NULL)
		return (-1);
	ctl->next_p = ctl->next_c = clock_ms();
	report_say(&ctl->rep, "%s: %d slots, %d producer%s, %d consumer%s. "
	    "Press space to step, r to run",
	    cfg->transport->title, cfg->slots, cfg->producers,
	    cfg->producers == 1 ? "" : "s", cfg->consumers,
	    cfg->consumers == 1 ? "" : "s");
	if (*session_start_note(ctl->s) != '\0')
		report_say(&ctl->rep, "%s", session_start_note(ctl->s));
	race_note(ctl, cfg);
	script_start(ctl);
	return (0);
}

void
control_stop(struct control *ctl)
{
	session_stop(ctl->s);
	ctl->s = NULL;
}

static int
pace(struct control *ctl, int *ms, double factor, const char *who)
{
	double	v = *ms * factor;

	if (v < SPEED_MIN_MS)
		v = SPEED_MIN_MS;
	if (v > SPEED_MAX_MS)
		v = SPEED_MAX_MS;
	*ms = (int)v;
	report_clear(&ctl->rep);
	report_say(&ctl->rep, "%s pace: producers every "
	    "%d ms, consumers every %d ms", who, ctl->cfg.speed_ms,
	    ctl->cfg.cspeed_ms);
	return (REACT_REDRAW);
}

static int
switch_transport(struct control *ctl)
{
	const struct transport	*old = ctl->cfg.transport;
	struct config		 cfg = ctl->cfg;
	char			 err[256];
	int			 mode = ctl->mode;
	const char		*keys_left = ctl->keys_left;

	/* A new run: the scenario was written for the old one. */
	cfg.script = NULL;
	cfg.transport = transport_next(old);
	if (cfg.transport == old) {
		report_say(&ctl->rep, "%s is the only "
		    "transport built in", old->name);
		return (REACT_REDRAW);
	}
	cfg.run = false;
	control_stop(ctl);
	if (control_start(ctl, &cfg, err, sizeof(err)) == 0) {
		ctl->mode = mode;
		ctl->keys_left = keys_left;
		return (REACT_SAMPLE);
	}
	cfg.transport = old;
	if (control_start(ctl, &cfg, ctl->rep.event,
	    sizeof(ctl->rep.event)) == -1)
		return (REACT_QUIT);
	report_clear(&ctl->rep);
	report_say(&ctl->rep, "cannot switch: %s", err);
	return (REACT_SAMPLE);
}

/* After anything that let a worker run: did one fail the run? */
static int
check_failed(struct control *ctl, int react)
{
	if (ctl->s == NULL || !session_failed(ctl->s, ctl->failure,
	    sizeof(ctl->failure)))
		return (react);
	return (react | REACT_QUIT | REACT_FAIL);
}

/* Digit, then p or c: step that worker, and select it (Enter, k). */
static int
step_picked(struct control *ctl, enum role role, int id)
{
	int	idx;

	if ((idx = session_find(ctl->s, role, id)) == -1) {
		report_say(&ctl->rep, "there is no live %c%d to step",
		    role == ROLE_PRODUCER ? 'P' : 'C', id);
		return (REACT_SAMPLE);
	}
	session_select_index(ctl->s, idx);
	if (session_step_worker(ctl->s, idx, &ctl->rep) == 0)
		ctl->steps++;
	return (REACT_SAMPLE);
}

static int
key_action(struct control *ctl, int key)
{
	struct session	*s = ctl->s;
	enum key_action	 a = keys_action(KEYS_DEMO, key);
	int		 g, pick;

	report_clear(&ctl->rep);
	keys_name(key, ctl->key, sizeof(ctl->key));
	/* A digit counts for the p or c right after it, no later. */
	pick = ctl->pick;
	ctl->pick = 0;
	switch (a) {
	case ACT_PICK:
		ctl->pick = key - '0';
		report_say(&ctl->rep, "worker %d: p steps P%d, c steps C%d",
		    ctl->pick, ctl->pick, ctl->pick);
		return (REACT_REDRAW);
	case ACT_STEP_PRODUCER:
	case ACT_STEP_CONSUMER:
		if (pick > 0)
			return (step_picked(ctl, a == ACT_STEP_PRODUCER ?
			    ROLE_PRODUCER : ROLE_CONSUMER, pick));
		/* FALLTHROUGH */
	case ACT_STEP_ANY:
		if (session_step(s, a == ACT_STEP_PRODUCER ? TARGET_PRODUCER :
		    a == ACT_STEP_CONSUMER ? TARGET_CONSUMER : TARGET_ANY,
		    &ctl->rep) == 0)
			ctl->steps++;
		return (REACT_SAMPLE);
	case ACT_RUN:
		ctl->mode = ctl->mode == MODE_RUN ? MODE_STEP : MODE_RUN;
		ctl->next_p = ctl->next_c = clock_ms();
		report_say(&ctl->rep, "%s",
		    ctl->mode == MODE_RUN ? "running in slow motion" :
		    "paused: one step per key");
		return (REACT_REDRAW);
	case ACT_GRAIN:
		g = session_granularity(s) == GRAIN_CALL ? GRAIN_ITEM : GRAIN_CALL;
		session_set_granularity(s, g);
		report_say(&ctl->rep, "%s",
		    g == GRAIN_ITEM ? "one step is now one whole item" :
		    "one step is now one system call");
		return (REACT_REDRAW);
	case ACT_ADD_PRODUCER:
	case ACT_ADD_CONSUMER:
		session_add_worker(s, a == ACT_ADD_PRODUCER ? ROLE_PRODUCER :
		    ROLE_CONSUMER, &ctl->rep);
		return (REACT_SAMPLE);
	case ACT_KILL:
		session_kill_selected(s, &ctl->rep);
		return (REACT_SAMPLE);
	case ACT_SELECT_NEXT:
	case ACT_SELECT_PREV:
		session_select(s, a == ACT_SELECT_NEXT ? 1 : -1);
		return (REACT_REDRAW);
	case ACT_TRANSPORT:
		if (ctl->cfg.graph != NULL) {
			report_say(&ctl->rep, "the graph's buffers keep their "
			    "transports (-t, or -NAME-> in --graph)");
			return (REACT_REDRAW);
		}
		return (switch_transport(ctl));
	case ACT_FASTER:
		pace(ctl, &ctl->cfg.speed_ms, 1 / 1.5, "faster");
		return (pace(ctl, &ctl->cfg.cspeed_ms, 1 / 1.5, "faster"));
	case ACT_SLOWER:
		pace(ctl, &ctl->cfg.speed_ms, 1.5, "slower");
		return (pace(ctl, &ctl->cfg.cspeed_ms, 1.5, "slower"));
	case ACT_CONSUMERS_AHEAD:
		pace(ctl, &ctl->cfg.cspeed_ms, 1 / 1.25, "consumers ahead");
		return (pace(ctl, &ctl->cfg.speed_ms, 1.25, "consumers ahead"));
	case ACT_PRODUCERS_AHEAD:
		pace(ctl, &ctl->cfg.speed_ms, 1 / 1.25, "producers ahead");
		return (pace(ctl, &ctl->cfg.cspeed_ms, 1.25, "producers ahead"));
	case ACT_STEP_SELECTED:
		if ((g = session_selected(s)) == -1) {
			report_say(&ctl->rep, "there is no worker to step");
			return (REACT_SAMPLE);
		}
		if (session_step_worker(s, g, &ctl->rep) == 0)
			ctl->steps++;
		return (REACT_SAMPLE);
	case ACT_STEP_STAGE:
		if ((g = session_selected(s)) == -1) {
			report_say(&ctl->rep, "there is no worker to step");
			return (REACT_SAMPLE);
		}
		if (session_step_stage(s, g, &ctl->rep) == 0)
			ctl->steps++;
		return (REACT_SAMPLE);
	case ACT_NEXT_MARK:
		control_play(ctl);
		return (REACT_REDRAW);
	case ACT_HELP:
		return (REACT_HELP);
	case ACT_ZOOM:
		/* Only the screen changes; the run does not move. */
		report_say(&ctl->rep, "zoom: the screen shows the buffer "
		    "alone, or every panel again");
		return (REACT_ZOOM);
	case ACT_THEME:
		/* The screen changes its colours itself (loop.c). */
		report_say(&ctl->rep, "the theme is the screen's: nothing "
		    "changes here");
		return (REACT_THEME);
	case ACT_CODE:
		return (REACT_CODE);
	case ACT_SAVE:
		return (REACT_SAVE);
	case ACT_BENCH:
		return (REACT_BENCH);
	case ACT_QUIT:
		report_say(&ctl->rep, "quit");
		return (REACT_QUIT);
	default:
		return (REACT_NONE);
	}
}

int
control_key(struct control *ctl, int key)
{
	return (check_failed(ctl, key_action(ctl, key)));
}

int
control_timeout(const struct control *ctl)
{
	long	now, due;

	/* The scenario and --keys first, one a frame. */
	if (ctl->playing || (ctl->keys_left != NULL && *ctl->keys_left != '\0'))
		return (0);
	now = clock_ms();
	/* --free: no permits to time, a frame FREE_HZ times a second. */
	if (ctl->cfg.free_run)
		return (ctl->next_frame <= now ? 0 : (int)(ctl->next_frame -
		    now));
	if (ctl->mode != MODE_RUN)
		return (-1);
	due = ctl->next_p < ctl->next_c ? ctl->next_p : ctl->next_c;
	return (due <= now ? 0 : (int)(due - now));
}

/* Run mode: grant whichever of producers and consumers is due. */
int
control_tick(struct control *ctl)
{
	long	now = clock_ms();
	int	react = REACT_NONE;

	if (ctl->playing)
		return (check_failed(ctl, script_tick(ctl)));
	if (ctl->keys_left != NULL && *ctl->keys_left != '\0')
		return (control_key(ctl, (unsigned char)*ctl->keys_left++));
	report_clear(&ctl->rep);
	if (ctl->cfg.free_run) {
		if (now < ctl->next_frame)
			return (REACT_NONE);
		ctl->next_frame = now + 1000 / FREE_HZ;
		return (check_failed(ctl, REACT_SAMPLE));
	}
	if (ctl->mode != MODE_RUN)
		return (REACT_NONE);
	if (now >= ctl->next_p) {
		ctl->next_p = now + ctl->cfg.speed_ms;
		if (session_ready(ctl->s, ROLE_PRODUCER) > 0 &&
		    session_step(ctl->s, TARGET_PRODUCER, &ctl->rep) == 0) {
			ctl->steps++;
			react |= REACT_SAMPLE;
		}
		snprintf(ctl->key, sizeof(ctl->key), "tick-p");
	} else if (now >= ctl->next_c) {
		ctl->next_c = now + ctl->cfg.cspeed_ms;
		if (session_ready(ctl->s, ROLE_CONSUMER) > 0 &&
		    session_step(ctl->s, TARGET_CONSUMER, &ctl->rep) == 0) {
			ctl->steps++;
			react |= REACT_SAMPLE;
		}
		snprintf(ctl->key, sizeof(ctl->key), "tick-c");
	}
	return (check_failed(ctl, react));
}

int
control_signal(struct control *ctl, int sig)
{
	if (sig == SIGCHLD) {
		report_clear(&ctl->rep);
		session_reap(ctl->s, &ctl->rep);
		return (check_failed(ctl, ctl->rep.event[0] != '\0' ?
		    REACT_SAMPLE : REACT_NONE));
	}
	if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP) {
		ctl->quit_signal = sig;
		report_clear(&ctl->rep);
		report_say(&ctl->rep, "%s: cleaning up",
		    strsignal(sig));
		return (REACT_QUIT);
	}
	return (REACT_NONE);
}

void
control_snapshot(struct control *ctl, struct snapshot *snap)
{
	session_sample(ctl->s, snap);
	snap->step = ctl->steps;
	snap->mode = ctl->mode;
	snap->speed_ms = ctl->cfg.speed_ms;
	snap->cspeed_ms = ctl->cfg.cspeed_ms;
	strlcpy(snap->key, ctl->key, sizeof(snap->key));
	strlcpy(snap->event, ctl->rep.event, sizeof(snap->event));
	snap->nfacts = ctl->rep.nfacts;
	memcpy(snap->facts, ctl->rep.facts, sizeof(snap->facts));
	script_snapshot(ctl, snap);
}
