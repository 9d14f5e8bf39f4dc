/*
 * lesson NAME --headless: one JSON line per lesson step, printed once
 * what the step set going has settled (every process at a call, asleep
 * in one, or ended): the step's number and caption, the call with its
 * decoded arguments, its return and errno (null while it sleeps in the
 * kernel) and its source line, the same names as step --headless; the
 * calls of other processes that the step woke; the processes; and the
 * kernel's view of the lesson's objects, with watch --json's names. A
 * closing line says how the lesson ended.
 */
#include <sys/signalfd.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/clock.h"
#include "ipcscope/json.h"
#include "ipcscope/watch.h"
#include "lesson_int.h"

#define SETTLE_MS	10000	/* a step that has not settled by then is
				 * stuck: the lesson says so and ends */
#define END_MS		5000	/* after the last step, to exit by itself */
#define WOKEN_MAX	TRACE_PROCS_MAX

struct headless {
	struct tracer		*t;
	struct lesson_run	*r;
	int			 sigfd;
	int			 sig;		/* the signal that ends us */
	/* The step under way. */
	pid_t			 pid;
	long			 seq;
	bool			 returned;
	struct tr_call		 call;
	struct tr_call		 woken[WOKEN_MAX];
	pid_t			 woken_pid[WOKEN_MAX];
	int			 nwoken;
};

static bool
all_settled(const struct tracer *t)
{
	int	i;

	for (i = 0; i < tracer_nprocs(t); i++)
		if (!tracer_settled(t, i))
			return (false);
	return (true);
}

/* The events so far: the step's return, the calls it woke. */
static void
take(struct headless *h)
{
	struct tr_event	ev;

	while (tracer_next_event(h->t, &ev)) {
		if (ev.kind != TE_CALL && ev.kind != TE_RETURN)
			continue;
		lesson_note_call(h->r, &ev.call, ev.kind == TE_RETURN);
		if (ev.kind != TE_RETURN)
			continue;
		if (ev.pid == h->pid && ev.call.seq == h->seq) {
			h->call = ev.call;
			h->returned = true;
		} else if (h->nwoken < WOKEN_MAX) {
			h->woken_pid[h->nwoken] = ev.pid;
			h->woken[h->nwoken++] = ev.call;
		}
	}
	lesson_track(h->r, h->t);
}

static int
quit_signal(int fd)
{
	struct signalfd_siginfo	si;

	if (fd != -1 && read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si))
		return ((int)si.ssi_signo);
	return (0);
}

/* Until every process is settled (0), a signal (-1, h->sig set) or the
 * deadline (-2). */
static int
settle(struct headless *h, int ms)
{
	long	deadline = clock_ms() + ms;

	for (;;) {
		take(h);
		if ((h->sig = quit_signal(h->sigfd)) != 0)
			return (-1);
		if (all_settled(h->t)) {
			/* What is already there, taken before the view. */
			tracer_poll(h->t, 0);
			take(h);
			if (all_settled(h->t))
				return (0);
		}
		if (clock_ms() > deadline)
			return (-2);
		if (tracer_poll(h->t, 50) == -1 && errno != EINTR)
			return (-2);
	}
}

/* Process i as the lesson names it: "reader", "parent/2". */
static void
proc_who(const struct headless *h, int i, char *buf, size_t len)
{
	const struct tr_proc	*p = tracer_proc(h->t, i), *q;
	const struct lesson	*l = h->r->l;
	int			 k, n = 0;

	if (p->prog < 0 || p->prog >= l->nprogs) {
		snprintf(buf, len, "?");
		return;
	}
	if (p->ppid == 0) {
		strlcpy(buf, l->progs[p->prog].label, len);
		return;
	}
	for (k = 0; k <= i; k++) {
		q = tracer_proc(h->t, k);
		if (q->prog == p->prog && q->ppid != 0)
			n++;
	}
	snprintf(buf, len, "%s/%d", l->progs[p->prog].label, n);
}

static void
source_json(struct json *j, const struct tr_source *s)
{
	if (!s->known) {
		json_null(j, "source");
		return;
	}
	json_obj(j, "source");
	if (s->file[0] != '\0') {
		json_str(j, "file", s->file);
		json_int(j, "line", s->line);
		json_str(j, "text", s->text);
	} else {
		json_null(j, "file");
		json_null(j, "line");
		json_null(j, "text");
	}
	if (s->func[0] != '\0')
		json_str(j, "func", s->func);
	else
		json_null(j, "func");
	json_obj_end(j);
}

/* ret, errno and rettext of a call that returned. */
static void
result_json(struct json *j, const struct tr_call *c)
{
	json_int(j, "ret", c->ret);
	if (c->err != 0)
		json_str(j, "errno", strerrorname_np(c->err));
	else
		json_null(j, "errno");
	json_str(j, "rettext", c->rettext);
}

static const char *
state_name(const struct tr_proc *p)
{
	static const char *const names[] = { "running", "at-call", "in-call",
	    "exited", "killed", "detached" };

	return ((unsigned)p->state < sizeof(names) / sizeof(names[0]) ?
	    names[p->state] : "?");
}

static void
processes_json(struct json *j, const struct headless *h)
{
	const struct tr_proc	*p;
	char			 who[LESSON_WORD_MAX + 8];
	int			 i;

	json_arr(j, "processes");
	for (i = 0; i < tracer_nprocs(h->t); i++) {
		p = tracer_proc(h->t, i);
		proc_who(h, i, who, sizeof(who));
		json_obj(j, NULL);
		json_str(j, "who", who);
		json_int(j, "pid", p->pid);
		json_str(j, "state", state_name(p));
		if (p->state == TR_AT_CALL || p->state == TR_IN_CALL)
			json_str(j, "call", p->call.name);
		if (p->state == TR_IN_CALL || p->state == TR_RUNNING) {
			json_bool(j, "blocked", p->kstate == 'S');
			json_str(j, "wchan", p->wchan);
		}
		if (p->state == TR_EXITED)
			json_int(j, "status", WEXITSTATUS(p->status));
		if (p->state == TR_KILLED)
			json_int(j, "signal", WTERMSIG(p->status));
		json_obj_end(j);
	}
	json_arr_end(j);
}

static int
proc_of_pid(const struct tracer *t, pid_t pid)
{
	int	i;

	for (i = 0; i < tracer_nprocs(t); i++)
		if (tracer_proc(t, i)->pid == pid)
			return (i);
	return (-1);
}

/* The line of step n (0-based), the stepped process being i. */
static void
step_line(struct headless *h, int n, int i, const char *caption)
{
	const struct tr_proc	*p = tracer_proc(h->t, i);
	const struct tr_call	*c = &h->call;
	struct watch_list	 l;
	struct json		 j;
	char			 who[LESSON_WORD_MAX + 8];
	int			 k, w;

	memset(&l, 0, sizeof(l));
	watch_sample(&l);
	json_begin(&j, stdout);
	json_obj(&j, NULL);
	json_int(&j, "step", n + 1);
	json_int(&j, "steps", h->r->l->nsteps);
	json_str(&j, "lesson", h->r->name);
	proc_who(h, i, who, sizeof(who));
	json_str(&j, "who", who);
	json_int(&j, "pid", p->pid);
	json_str(&j, "call", c->name);
	json_obj(&j, "args");
	for (k = 0; k < c->nargs; k++)
		json_str(&j, c->args[k].name, c->args[k].text);
	json_obj_end(&j);
	if (h->returned)
		result_json(&j, c);
	else {
		json_null(&j, "ret");
		json_null(&j, "errno");
	}
	json_bool(&j, "blocked", !h->returned && p->state == TR_IN_CALL &&
	    p->kstate == 'S');
	source_json(&j, &c->src);
	json_str(&j, "caption", caption);
	json_arr(&j, "woken");
	for (k = 0; k < h->nwoken; k++) {
		json_obj(&j, NULL);
		w = proc_of_pid(h->t, h->woken_pid[k]);
		if (w >= 0) {
			proc_who(h, w, who, sizeof(who));
			json_str(&j, "who", who);
		}
		json_int(&j, "pid", h->woken_pid[k]);
		json_str(&j, "call", h->woken[k].name);
		result_json(&j, &h->woken[k]);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	processes_json(&j, h);
	lesson_objects_json(&j, h->r, h->t, &l);
	json_obj_end(&j);
	json_end(&j);
	watch_free(&l);
}

/* After the last step: have the programs ended by themselves? */
static bool
ended(struct headless *h, int ms)
{
	long	deadline = clock_ms() + ms;

	while (!tracer_done(h->t) && clock_ms() < deadline) {
		if ((h->sig = quit_signal(h->sigfd)) != 0)
			return (true);
		if (tracer_poll(h->t, 50) == -1 && errno != EINTR)
			break;
		take(h);
	}
	return (tracer_done(h->t));
}

static void
closing_line(struct headless *h, const char *why, int steps, int removed,
    int status)
{
	struct json	j;

	json_begin(&j, stdout);
	json_obj(&j, NULL);
	json_str(&j, "event", "end");
	json_str(&j, "lesson", h->r->name);
	json_str(&j, "why", why);
	json_int(&j, "steps", steps);
	if (strcmp(why, "over") == 0)
		json_str(&j, "caption", h->r->l->end);
	json_int(&j, "removed", removed);
	json_int(&j, "status", status);
	json_obj_end(&j);
	json_end(&j);
}

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

int
lesson_headless(struct tracer *t, struct lesson_run *r,
    const struct step_guide *g)
{
	struct headless	*h = calloc(1, sizeof(*h));
	const char	*caption, *why = "over";
	int		 i, n = 0, status = 0, rc, removed;

	if (h == NULL) {
		tracer_end(t, true, stderr);
		return (2);
	}
	h->t = t;
	h->r = r;
	h->sigfd = quit_signals();
	for (;;) {
		if ((rc = settle(h, SETTLE_MS)) != 0)
			break;
		if ((i = g->next(g->ctx, t, &caption)) < 0) {
			if (i == -2) {
				fprintf(stderr, "ipcscope: lesson %s: %s\n",
				    r->name, caption);
				why = "off-path";
				status = 1;
			}
			break;
		}
		h->pid = tracer_proc(t, i)->pid;
		h->seq = tracer_proc(t, i)->call.seq;
		h->call = tracer_proc(t, i)->call;
		h->returned = false;
		h->nwoken = 0;
		if (tracer_step(t, i) == -1) {
			fprintf(stderr, "ipcscope: lesson %s: step %d: cannot "
			    "step pid %d: %s\n", r->name, n + 1, (int)h->pid,
			    strerror(errno));
			why = "off-path";
			status = 1;
			break;
		}
		if ((rc = settle(h, SETTLE_MS)) != 0)
			break;
		step_line(h, n++, i, caption);
	}
	if (rc == 0 && status == 0 && !ended(h, END_MS)) {
		fprintf(stderr, "ipcscope: lesson %s: a program still runs "
		    "%d s after the last step: it is killed\n", r->name,
		    END_MS / 1000);
		why = "stuck";
		status = 1;
	}
	rc = h->sig != 0 ? -1 : rc;
	if (rc == -1) {
		why = "signal";
		status = 128 + h->sig;
	} else if (rc == -2) {
		fprintf(stderr, "ipcscope: lesson %s: the programs did not "
		    "settle within %d s\n", r->name, SETTLE_MS / 1000);
		why = "stuck";
		status = 1;
	}
	lesson_track(r, t);
	tracer_end(t, true, NULL);	/* what is killed is said above */
	removed = lesson_cleanup(r, stderr);
	closing_line(h, why, n, removed, status);
	if (h->sigfd != -1)
		close(h->sigfd);
	free(h);
	return (status);
}
