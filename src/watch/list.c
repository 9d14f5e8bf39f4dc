/*
 * The list of objects, frame to frame: storage, order, and what spans
 * frames (marks for new, changed and removed objects; the history a
 * sparkline draws), carried from one sample to the next by watch_merge().
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipcscope/clock.h"
#include "ipcscope/watch.h"
#include "ipcscope/xmalloc.h"

static const char *const type_names[WT_NTYPES] = {
	[WT_SHM] = "shm", [WT_MSG] = "msg", [WT_SEM] = "sem",
	[WT_PSHM] = "posix-shm", [WT_PMQ] = "posix-mq",
};

const char *
watch_type_name(enum watch_type t)
{
	return (t >= 0 && t < WT_NTYPES ? type_names[t] : "?");
}

int
watch_type_from_name(const char *s)
{
	int	i;

	for (i = 0; i < WT_NTYPES; i++)
		if (strcmp(type_names[i], s) == 0)
			return (i);
	return (-1);
}

struct watch_obj *
watch_add(struct watch_list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 64 : l->cap * 2;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	return (&l->v[l->n++]);
}

static void
obj_free(struct watch_obj *o)
{
	free(o->sem.values);
	free(o->sem.ncnt);
	free(o->sem.zcnt);
	free(o->sem.pid);
	o->sem.values = o->sem.ncnt = o->sem.zcnt = NULL;
	o->sem.pid = NULL;
}

void
watch_clear(struct watch_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		obj_free(&l->v[i]);
	l->n = 0;
	l->notes[0] = '\0';
	l->mq_mounted = false;
	l->mq_dir[0] = '\0';
}

void
watch_free(struct watch_list *l)
{
	watch_clear(l);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

int
watch_id(const struct watch_obj *o)
{
	switch (o->type) {
	case WT_SHM:
		return (o->shm.id);
	case WT_MSG:
		return (o->msq.id);
	case WT_SEM:
		return (o->sem.id);
	default:
		return (-1);
	}
}

static unsigned
key_of(const struct watch_obj *o)
{
	switch (o->type) {
	case WT_SHM:
		return (o->shm.key);
	case WT_MSG:
		return (o->msq.key);
	case WT_SEM:
		return (o->sem.key);
	default:
		return (0);
	}
}

void
watch_key_str(const struct watch_obj *o, char *buf, size_t len)
{
	if (o->type == WT_PSHM || o->type == WT_PMQ)
		strlcpy(buf, "-", len);
	else
		snprintf(buf, len, "0x%08x", key_of(o));
}

uint32_t
watch_depth(const struct watch_obj *o)
{
	switch (o->type) {
	case WT_SHM:
		return ((uint32_t)o->shm.nattch);
	case WT_MSG:
		return ((uint32_t)o->msq.qnum);
	case WT_SEM:
		return (o->sem.ncnt != NULL && o->sem.nsems > 0 ?
		    (uint32_t)o->sem.values[0] : 0);
	case WT_PMQ:
		return ((uint32_t)o->px.curmsgs);
	default:
		return ((uint32_t)(o->px.size > 0));
	}
}

static int
obj_cmp(const void *a, const void *b)
{
	const struct watch_obj	*x = a, *y = b;

	if (x->type != y->type)
		return (x->type < y->type ? -1 : 1);
	if (x->type == WT_PSHM || x->type == WT_PMQ)
		return (strcmp(x->name, y->name));
	return (watch_id(x) < watch_id(y) ? -1 : watch_id(x) > watch_id(y));
}

void
watch_sort(struct watch_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(l->v[0]), obj_cmp);
}

/* What shown changed, as WCH_ bits (watch.h); 0 for nothing. */
static unsigned
differs(const struct watch_obj *a, const struct watch_obj *b)
{
	unsigned	m = 0;
	size_t		n;

	if (a->perms != b->perms || a->uid != b->uid)
		m |= WCH_PERMS;
	if (a->readable != b->readable)
		m |= WCH_STATE;
	switch (a->type) {
	case WT_SHM:
		m |= (a->shm.nattch != b->shm.nattch ? WCH_DEPTH : 0) |
		    (a->shm.key != b->shm.key ? WCH_KEY : 0) |
		    (a->shm.size != b->shm.size ? WCH_USED : 0) |
		    (a->shm.cpid != b->shm.cpid ? WCH_PID1 : 0) |
		    (a->shm.lpid != b->shm.lpid ? WCH_PID2 : 0) |
		    (a->shm.dest != b->shm.dest ? WCH_STATE : 0) |
		    (a->shm.atime != b->shm.atime ||
		    a->shm.dtime != b->shm.dtime ? WCH_TIME : 0);
		break;
	case WT_MSG:
		m |= (a->msq.qnum != b->msq.qnum ? WCH_DEPTH : 0) |
		    (a->msq.cbytes != b->msq.cbytes ||
		    a->msq.qbytes != b->msq.qbytes ? WCH_USED : 0) |
		    (a->msq.lspid != b->msq.lspid ? WCH_PID1 : 0) |
		    (a->msq.lrpid != b->msq.lrpid ? WCH_PID2 : 0) |
		    (a->msq.stime != b->msq.stime ||
		    a->msq.rtime != b->msq.rtime ? WCH_TIME : 0);
		break;
	case WT_SEM:
		n = (size_t)a->sem.nsems;
		if (a->sem.otime != b->sem.otime)
			m |= WCH_TIME;
		if (a->sem.nsems != b->sem.nsems ||
		    (a->sem.values == NULL) != (b->sem.values == NULL))
			m |= WCH_USED | WCH_DEPTH | WCH_VALUES;
		else if (a->sem.values != NULL) {
			if (memcmp(a->sem.values, b->sem.values,
			    n * sizeof(int)) != 0)
				m |= WCH_VALUES | WCH_USED;
			if (memcmp(a->sem.ncnt, b->sem.ncnt, n * sizeof(int)) ||
			    memcmp(a->sem.zcnt, b->sem.zcnt, n * sizeof(int)))
				m |= WCH_DEPTH | WCH_VALUES;
			if (memcmp(a->sem.pid, b->sem.pid, n * sizeof(pid_t)))
				m |= WCH_PID2 | WCH_VALUES;
		}
		break;
	default:
		m |= (a->px.size != b->px.size ? WCH_USED : 0) |
		    (a->px.curmsgs != b->px.curmsgs ? WCH_DEPTH : 0) |
		    (a->px.mtime != b->px.mtime ? WCH_TIME : 0);
		break;
	}
	return (m);
}

static void
history_push(struct watch_obj *o, long now)
{
	if (o->hist_n > 0 && now - o->hist_ms < 1000)
		return;
	if (o->hist_n == WATCH_HISTORY) {
		memmove(o->hist, o->hist + 1, sizeof(o->hist[0]) *
		    (WATCH_HISTORY - 1));
		o->hist_n--;
	}
	o->hist[o->hist_n++] = watch_depth(o);
	o->hist_ms = now;
}

void
watch_merge(struct watch_list *cur, const struct watch_list *prev, bool first)
{
	const struct watch_obj	*p;
	struct watch_obj	*o, *g;
	size_t			 i, n = cur->n;
	bool			*seen;
	long			 now = cur->at_ms;

	seen = prev->n > 0 ? xcalloc(prev->n, sizeof(*seen)) : NULL;
	for (i = 0; i < n; i++) {
		o = &cur->v[i];
		p = prev->n > 0 ? bsearch(o, prev->v, prev->n, sizeof(*o),
		    obj_cmp) : NULL;
		if (p != NULL && p->gone_ms == 0) {
			seen[p - prev->v] = true;
			o->born_ms = p->born_ms;
			o->changed = differs(o, p);
			memcpy(o->hist, p->hist, sizeof(o->hist));
			o->hist_n = p->hist_n;
			o->hist_ms = p->hist_ms;
		} else {
			/* Back under a name that was removed: new again. */
			if (p != NULL)
				seen[p - prev->v] = true;
			o->born_ms = first ? 0 : now;
		}
		history_push(o, now);
	}
	/* Removed: listed, struck through, for a few seconds. */
	for (i = 0; i < prev->n; i++) {
		p = &prev->v[i];
		if (seen[i] || (p->gone_ms != 0 && now - p->gone_ms >=
		    WATCH_MARK_MS))
			continue;
		g = watch_add(cur);
		memcpy(g, p, sizeof(*g));
		g->sem.values = g->sem.ncnt = g->sem.zcnt = NULL;
		g->sem.pid = NULL;
		g->changed = 0;
		if (g->gone_ms == 0)
			g->gone_ms = now;
	}
	free(seen);
	watch_sort(cur);
}

int
watch_sample(struct watch_list *l)
{
	struct timespec	ts;

	watch_clear(l);
	l->at_ms = clock_ms();
	clock_gettime(CLOCK_REALTIME, &ts);
	l->at = ts.tv_sec;
	watch_sample_sysv(l);
	watch_sample_posix(l);
	watch_sort(l);
	return (0);
}

bool
watch_matches(const struct watch_obj *o, const struct watch_follow *f)
{
	if (o->gone_ms != 0)
		return (false);
	if (f->name[0] != '\0')
		return ((o->type == WT_PSHM || o->type == WT_PMQ) &&
		    strcmp(o->name, f->name) == 0 &&
		    (f->type < 0 || (int)o->type == f->type));
	if (o->type == WT_PSHM || o->type == WT_PMQ)
		return (false);
	if (f->type >= 0 && (int)o->type != f->type)
		return (false);
	if (f->by_key)
		return (key_of(o) == f->key && f->key != 0);
	return (f->by_id && watch_id(o) == f->id);
}

const struct watch_obj *
watch_find(const struct watch_list *l, const struct watch_follow *f)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (watch_matches(&l->v[i], f))
			return (&l->v[i]);
	return (NULL);
}
