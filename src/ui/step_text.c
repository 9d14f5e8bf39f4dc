/*
 * The step screen's words: a call as the class reads it, where a process
 * is, and each program's last calls.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "step_ui.h"

void
step_call_text(const struct tr_call *c, bool names, char *buf, size_t len)
{
	int	i;

	if (c->name == NULL) {
		strlcpy(buf, "", len);
		return;
	}
	snprintf(buf, len, "%s(", c->name);
	for (i = 0; i < c->nargs && i < TRACE_ARGS_MAX; i++) {
		if (i > 0)
			strlcat(buf, ", ", len);
		if (names && c->args[i].name != NULL) {
			strlcat(buf, c->args[i].name, len);
			strlcat(buf, "=", len);
		}
		strlcat(buf, c->args[i].text, len);
	}
	strlcat(buf, ")", len);
}

/* "SIGSEGV", or the number when the name is unknown. */
static void
signal_name(int sig, char *buf, size_t len)
{
	const char	*abbrev = sigabbrev_np(sig);

	if (abbrev != NULL)
		snprintf(buf, len, "SIG%s", abbrev);
	else
		snprintf(buf, len, "signal %d", sig);
}

void
step_state_text(const struct tr_proc *p, char *buf, size_t len)
{
	char	sig[32];

	switch (p->state) {
	case TR_AT_CALL:
		snprintf(buf, len, "stopped at %s",
		    p->call.name != NULL ? p->call.name : "a call");
		break;
	case TR_IN_CALL:
		if (p->kstate == 'S' && p->wchan[0] != '\0')
			snprintf(buf, len, "ASLEEP in %s (%s)", p->call.name !=
			    NULL ? p->call.name : "a call", p->wchan);
		else
			snprintf(buf, len, "in %s", p->call.name != NULL ?
			    p->call.name : "a call");
		break;
	case TR_EXITED:
		snprintf(buf, len, "exited %d", WIFEXITED(p->status) ?
		    WEXITSTATUS(p->status) : p->status);
		break;
	case TR_KILLED:
		signal_name(WIFSIGNALED(p->status) ? WTERMSIG(p->status) :
		    p->status, sig, sizeof(sig));
		snprintf(buf, len, "killed by %s", sig);
		break;
	case TR_DETACHED:
		strlcpy(buf, "detached, running on", len);
		break;
	default:
		strlcpy(buf, "running", len);
		break;
	}
}

void
step_history_push(struct step_history *h, const char *line,
    const char *brief)
{
	int	i;

	if (h->n == STEP_HISTORY) {
		i = h->head;
		h->head = (h->head + 1) % STEP_HISTORY;
	} else
		i = (h->head + h->n++) % STEP_HISTORY;
	strlcpy(h->line[i], line, sizeof(h->line[i]));
	strlcpy(h->brief[i], brief, sizeof(h->brief[i]));
}

const char *
step_history_get(const struct step_history *h, int i, int w)
{
	int	k = (h->head + i) % STEP_HISTORY;

	return (ui_width(h->line[k]) <= w ? h->line[k] : h->brief[k]);
}
