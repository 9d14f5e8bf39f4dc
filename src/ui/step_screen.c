/*
 * The step face on the screen: the loop. It waits in one ppoll for the
 * terminal, the signals and the tracer's descriptors; takes what the
 * programs did (tracer_poll) when one is readable and on a tick, so that
 * "asleep" is fresh; one key steps one call; each frame samples the
 * kernel's view and draws. A lesson (step.h) names the process each
 * step moves and the caption of it. q, SIGINT, SIGTERM and SIGHUP end
 * the tracer (let go, or killed with --kill) once the terminal is
 * restored, and its report goes to stderr.
 */
#include <sys/signalfd.h>

#include <err.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipcscope/clock.h"
#include "ipcscope/keys.h"
#include "ipcscope/sig.h"
#include "ipcscope/step.h"
#include "ipcscope/ui.h"
#include "step_ui.h"

#define CTRL_L		0x0c
#define TICK_BUSY_MS	100	/* while a process runs: its state is fresh */
#define TICK_IDLE_MS	500	/* all settled: others' changes still show */
#define GUIDE_WAIT_MS	2000	/* a lesson's next() waits this long at most
				 * for every process to settle */
#define POLL_MAX	16

int
step_shown_proc(const struct step_view *v)
{
	int	i, last = -1;

	if (v->gstate == GUIDE_GOING &&
	    tracer_proc(v->t, v->gproc)->prog == v->sel)
		return (v->gproc);
	if ((i = tracer_proc_of(v->t, v->sel)) >= 0)
		return (i);
	for (i = 0; i < tracer_nprocs(v->t); i++)
		if (tracer_proc(v->t, i)->prog == v->sel)
			last = i;
	return (last);
}

static bool
all_settled(const struct tracer *t)
{
	int	i;

	for (i = 0; i < tracer_nprocs(t); i++)
		if (!tracer_settled(t, i))
			return (false);
	return (true);
}

/* The history lines of what happened: calls with their return, forks,
 * ends. */
static void
take_events(struct step_view *v)
{
	struct tr_event	 ev;
	char		 call[STEP_LINE], line[STEP_LINE * 2], brief[STEP_LINE];
	int		 prog, sig;

	while (tracer_next_event(v->t, &ev)) {
		prog = tracer_proc(v->t, ev.proc)->prog;
		if (prog < 0 || prog >= TRACE_PROGS_MAX)
			continue;
		switch (ev.kind) {
		case TE_RETURN:
			step_call_text(&ev.call, false, call, sizeof(call));
			snprintf(line, sizeof(line), "%s = %s", call,
			    ev.call.rettext);
			snprintf(brief, sizeof(brief), "%s(%s) = %s",
			    ev.call.name != NULL ? ev.call.name : "?",
			    ui_theme.g.ellipsis, ev.call.rettext);
			break;
		case TE_FORK:
			snprintf(line, sizeof(line), "pid %d forked pid %d, "
			    "followed", (int)ev.pid, (int)ev.child);
			strlcpy(brief, line, sizeof(brief));
			break;
		case TE_EXIT:
			snprintf(line, sizeof(line), "pid %d exited %d",
			    (int)ev.pid, WEXITSTATUS(ev.status));
			strlcpy(brief, line, sizeof(brief));
			break;
		case TE_KILLED:
			sig = WIFSIGNALED(ev.status) ? WTERMSIG(ev.status) :
			    ev.status;
			snprintf(line, sizeof(line), "pid %d killed by SIG%s",
			    (int)ev.pid, sigabbrev_np(sig) != NULL ?
			    sigabbrev_np(sig) : "?");
			strlcpy(brief, line, sizeof(brief));
			break;
		default:
			continue;
		}
		step_history_push(&v->hist[prog], line, brief);
	}
}

/* The lesson's next step, once what the last one set going has settled. */
static void
guide_ask(struct step_view *v, long since)
{
	const char	*cap = NULL;
	int		 r;

	if (v->gstate != GUIDE_ASK || (!all_settled(v->t) &&
	    clock_ms() - since < GUIDE_WAIT_MS))
		return;
	r = v->guide->next(v->guide->ctx, v->t, &cap);
	strlcpy(v->caption, cap != NULL ? cap : "", sizeof(v->caption));
	if (r >= 0 && r < tracer_nprocs(v->t)) {
		v->gstate = GUIDE_GOING;
		v->gproc = r;
		v->sel = tracer_proc(v->t, r)->prog;
		snprintf(v->note, sizeof(v->note), "space steps pid %d",
		    (int)tracer_proc(v->t, r)->pid);
	} else {
		v->gstate = r == -1 ? GUIDE_OVER : GUIDE_OFF;
		strlcpy(v->note, "q quits", sizeof(v->note));
	}
}

/* Why process i cannot be stepped now, in a line. */
static void
not_at_call(struct step_view *v, int i)
{
	const struct tr_proc	*p = tracer_proc(v->t, i);
	char			 st[96];

	step_state_text(p, st, sizeof(st));
	if (p->state == TR_IN_CALL && p->kstate == 'S')
		snprintf(v->note, sizeof(v->note), "pid %d is %s: another "
		    "program must wake it", (int)p->pid, st);
	else if (p->state == TR_RUNNING || p->state == TR_IN_CALL)
		snprintf(v->note, sizeof(v->note), "pid %d is %s: it stops at "
		    "its next IPC call", (int)p->pid, st);
	else
		snprintf(v->note, sizeof(v->note), "pid %d %s", (int)p->pid,
		    st);
}

/* Space: the lesson's process, or the selected program's. */
static bool
step_key(struct step_view *v)
{
	int	i;

	v->note[0] = '\0';
	if (v->gstate == GUIDE_ASK) {
		strlcpy(v->note, "wait: the last step is still running",
		    sizeof(v->note));
		return (false);
	}
	if (v->gstate == GUIDE_OVER || v->gstate == GUIDE_OFF) {
		strlcpy(v->note, "the lesson is over: q quits",
		    sizeof(v->note));
		return (false);
	}
	i = v->gstate == GUIDE_GOING ? v->gproc : tracer_proc_of(v->t, v->sel);
	if (i < 0) {
		snprintf(v->note, sizeof(v->note), "program %d has ended",
		    v->sel + 1);
		return (false);
	}
	if (tracer_proc(v->t, i)->state != TR_AT_CALL) {
		not_at_call(v, i);
		return (false);
	}
	if (tracer_step(v->t, i) == -1) {
		snprintf(v->note, sizeof(v->note), "pid %d: cannot step: %s",
		    (int)tracer_proc(v->t, i)->pid, strerror(errno));
		return (false);
	}
	if (v->gstate == GUIDE_GOING)
		v->gstate = GUIDE_ASK;
	return (true);
}

static int
map_key(int ch)
{
	switch (ch) {
	case KEY_BTAB:
	case KEY_LEFT:
		return (IK_PREV);
	case KEY_RIGHT:
		return (IK_NEXT);
	}
	return (ch);
}

/* One key: true to quit; *stepped when a call was let run. */
static bool
key(struct step_view *v, int ch, bool *stepped)
{
	int	n = tracer_nprogs(v->t);

	if (v->help) {
		v->help = false;
		help_free();
		return (ch == 'q');
	}
	ch = map_key(ch);
	switch (keys_action(KEYS_STEP, ch)) {
	case ACT_QUIT:
		return (true);
	case ACT_HELP:
		v->help = true;
		break;
	case ACT_THEME:
		theme_next();
		clearok(curscr, TRUE);
		break;
	case ACT_PICK:
		if (ch - '1' < n)
			v->sel = ch - '1';
		else
			snprintf(v->note, sizeof(v->note), "there is no "
			    "program %c", ch);
		break;
	case ACT_SELECT_NEXT:
		v->sel = (v->sel + 1) % n;
		break;
	case ACT_SELECT_PREV:
		v->sel = (v->sel + n - 1) % n;
		break;
	case ACT_STEP_SELECTED:
		*stepped = step_key(v);
		break;
	default:
		break;
	}
	return (false);
}

/* SIGINT, SIGTERM and SIGHUP as a descriptor. SIGCHLD is left to the
 * tracer, which has its own way of hearing it. */
static int
quit_signals(void)
{
	sigset_t	set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	return (signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC));
}

/* The loop; the exit status (128 + N after signal N). */
static int
run(struct step_view *v, WINDOW *kbd, int sigfd)
{
	struct pollfd	 pfd[2 + POLL_MAX];
	long		 frames = 0, stepped_at = 0, due = 0;
	bool		 quit = false, stepped, remade = true;
	int		 n, i, ch, sig, status = 0, timeout;

	pfd[0].fd = STDIN_FILENO;
	pfd[0].events = POLLIN;
	pfd[1].fd = sigfd;
	pfd[1].events = POLLIN;
	while (!quit) {
		take_events(v);
		guide_ask(v, stepped_at);
		step_kernel_sample(v);
		step_draw(v, remade);
		remade = false;
		doupdate();
		if (v->cfg->frames > 0 && ++frames >= v->cfg->frames)
			break;
		n = tracer_pollfds(v->t, pfd + 2, POLL_MAX);
		if (n < 0)
			n = 0;
		if (clock_ms() >= due)
			due = clock_ms() + (all_settled(v->t) ? TICK_IDLE_MS :
			    TICK_BUSY_MS);
		timeout = (int)(due - clock_ms());
		if (ui_poll(pfd, (nfds_t)(2 + n), timeout < 0 ? 0 : timeout)
		    == -1 && errno != EINTR) {
			status = 2;
			break;
		}
		if (pfd[1].revents & POLLIN)
			while ((sig = sig_read(sigfd)) != 0) {
				quit = true;
				status = 128 + sig;
			}
		for (i = 2; i < 2 + n; i++)
			if (pfd[i].revents != 0)
				due = 0;
		/* The tracer's news, on its descriptors or the tick. */
		if (clock_ms() >= due && tracer_poll(v->t, 0) == -1 &&
		    errno != EINTR && errno != EAGAIN)
			snprintf(v->note, sizeof(v->note), "tracer: %s",
			    strerror(errno));
		while (!quit && (ch = wgetch(kbd)) != ERR) {
			if (ch == KEY_RESIZE) {
				remade = true;
				continue;
			}
			if (ch == CTRL_L) {
				clearok(curscr, TRUE);
				continue;
			}
			stepped = false;
			quit = key(v, ch, &stepped);
			if (stepped) {
				stepped_at = clock_ms();
				due = 0;
				/* What the step set going, at once. */
				tracer_poll(v->t, 0);
			}
		}
	}
	return (status);
}

int
step_ui_ready(void)
{
	char	why[256];

	if (term_check(why, sizeof(why)) == -1) {
		warnx("%s", why);
		return (-1);
	}
	return (0);
}

int
step_ui(const struct config *cfg, struct tracer *t,
    const struct step_guide *guide)
{
	static struct step_view	 v;
	WINDOW			*kbd;
	int			 sigfd, status;

	theme_prefer(cfg->theme);
	if (ui_screen_start() == -1) {
		/* Nobody saw them run: none is left behind. */
		tracer_end(t, true, stderr);
		return (2);
	}
	memset(&v, 0, sizeof(v));
	inspect_close(&v.in);
	v.cfg = cfg;
	v.t = t;
	v.guide = guide;
	v.gstate = guide != NULL ? GUIDE_ASK : GUIDE_NONE;
	if ((kbd = ui_key_window()) == NULL || (sigfd = quit_signals()) ==
	    -1) {
		ui_screen_end();
		tracer_end(t, true, stderr);
		warnx("cannot start the step screen");
		return (2);
	}
	status = run(&v, kbd, sigfd);
	step_kernel_free(&v);
	step_source_free();
	step_layout_free();
	help_free();
	delwin(kbd);
	close(sigfd);
	ui_screen_end();
	/* Said once the terminal is restored: who was let go, who killed. */
	tracer_end(t, cfg->step_kill, stderr);
	return (status);
}
