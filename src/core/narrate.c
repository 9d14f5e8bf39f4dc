/* The viewer's words for the workers' facts (narrate.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ipcscope/event.h"
#include "ipcscope/narrate.h"

void
report_clear(struct report *r)
{
	r->event[0] = '\0';
	r->nfacts = 0;
}

void
report_say(struct report *r, const char *fmt, ...)
{
	char	sentence[EVENT_MAX];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(sentence, sizeof(sentence), fmt, ap);
	va_end(ap);
	event_append(r->event, sizeof(r->event), sentence);
}

/* The template the outcome of f calls for, from its phase. */
static const char *
template_of(const struct phase_info *ph, const struct board_fact *f)
{
	if (f->other != 0 && ph->clash != NULL)
		return (ph->clash);
	switch (f->outcome) {
	case FACT_PARTIAL:
		return (ph->partial != NULL ? ph->partial : ph->done);
	case FACT_LAST_PART:
		return (ph->last != NULL ? ph->last : ph->done);
	case FACT_EOF:
		return (ph->eof != NULL ? ph->eof : ph->done);
	default:
		return (ph->done);
	}
}

/* "semop(empty, -1): a free slot is reserved", or "... failed: why". */
static void
word(const struct phase_info *ph, const struct board_fact *f, char *buf,
    size_t len)
{
	struct event_vars	v = { .slot = f->slot, .item = f->item,
				      .got = f->got, .want = f->want,
				      .ret = f->ret, .other = f->other };
	char			done[256];

	if (f->outcome == FACT_FAILED) {
		snprintf(buf, len, "%s failed: %s", ph->call, strerror(f->err));
		return;
	}
	event_expand_vars(done, sizeof(done), template_of(ph, f), &v);
	snprintf(buf, len, "%s: %s", ph->call, done);
}

static struct snap_fact *
add_fact(struct report *r, const struct phase_info *ph,
    const struct board_worker *bw, bool woken)
{
	struct snap_fact	*sf;

	if (r->nfacts == SNAP_FACTS)
		return (NULL);
	sf = &r->facts[r->nfacts++];
	memset(sf, 0, sizeof(*sf));
	worker_label(bw, sf->worker, sizeof(sf->worker));
	sf->woken = woken;
	strlcpy(sf->phase, ph->name, sizeof(sf->phase));
	strlcpy(sf->call, ph->call, sizeof(sf->call));
	sf->slot = -1;
	return (sf);
}

void
narrate_calls(struct report *r, const struct transport *t,
    const struct board_worker *bw, bool woken)
{
	const struct board_fact	*f;
	const struct phase_info	*ph;
	struct snap_fact	*sf;
	char			 calls[EVENT_MAX], one[320], l[8];
	int			 i, n = bw->nfacts;

	if (n <= 0)
		return;
	calls[0] = '\0';
	for (i = 0; i < n && i < FACTS_MAX; i++) {
		f = &bw->facts[i];
		/* --graph: a filter's facts come from two transports. */
		ph = &(f->t != NULL ? f->t : t)->phases[f->phase];
		word(ph, f, one, sizeof(one));
		if (i > 0)
			strlcat(calls, "; ", sizeof(calls));
		strlcat(calls, one, sizeof(calls));
		if ((sf = add_fact(r, ph, bw, woken)) == NULL)
			continue;
		sf->outcome = f->outcome;
		sf->ret = f->ret;
		sf->err = f->err;
		sf->slot = f->slot;
		sf->item = f->item;
		sf->got = f->got;
		sf->want = f->want;
		sf->other = f->other;
	}
	worker_label(bw, l, sizeof(l));
	if (woken)
		report_say(r, "%s wakes up: %s", l, calls);
	else
		report_say(r, "%s %s", l, calls);
}

void
narrate_reason(char *buf, size_t len, const struct transport *t,
    const struct board_worker *bw)
{
	if (bw->t != NULL)
		t = bw->t;	/* --graph: the transport of its buffer */
	event_expand(buf, len, t->phases[bw->phase].blocked, bw->slot,
	    bw->item_seq);
}

void
narrate_blocked(char *buf, size_t len, const struct transport *t,
    const struct board_worker *bw)
{
	char	why[160], l[8];

	if (bw->t != NULL)
		t = bw->t;
	worker_label(bw, l, sizeof(l));
	narrate_reason(why, sizeof(why), t, bw);
	snprintf(buf, len, "%s %s: %s, so the kernel puts %s to sleep", l,
	    t->phases[bw->phase].call, why, l);
}

void
narrate_asleep(struct report *r, const struct transport *t,
    const struct board_worker *bw)
{
	struct snap_fact	*sf;
	char			 sentence[EVENT_MAX];

	if (bw->t != NULL)
		t = bw->t;
	if ((sf = add_fact(r, &t->phases[bw->phase], bw, false)) != NULL) {
		sf->outcome = FACT_ASLEEP;
		sf->slot = bw->slot;
		sf->item = bw->carrying ? bw->item_seq : 0;
	}
	narrate_blocked(sentence, sizeof(sentence), t, bw);
	report_say(r, "%s", sentence);
}
