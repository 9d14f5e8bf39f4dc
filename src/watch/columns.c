/*
 * The watch list's columns (watch_columns.h): one row each, in the order
 * the screen shows them, with the comparator that sorts by what the
 * column shows. A column that shows a number sorts by that number, not
 * by its text ("9" before "10"); one that shows words sorts by the words.
 */
#include <string.h>

#include "ipcscope/watch_columns.h"

static bool
is_posix(const struct watch_obj *o)
{
	return (o->type == WT_PSHM || o->type == WT_PMQ);
}

static int
num(long long x, long long y)
{
	return (x < y ? -1 : x > y);
}

static unsigned
key_of(const struct watch_obj *o)
{
	return (o->type == WT_SHM ? o->shm.key : o->type == WT_MSG ?
	    o->msq.key : o->type == WT_SEM ? o->sem.key : 0);
}

/* SIZE/USED: a segment's bytes, a queue's cbytes, a set's nsems, a POSIX
 * segment's size, a POSIX queue's messages (its QSIZE when unreadable). */
static long long
used_value(const struct watch_obj *o)
{
	switch (o->type) {
	case WT_SHM:
		return ((long long)o->shm.size);
	case WT_MSG:
		return ((long long)o->msq.cbytes);
	case WT_SEM:
		return (o->sem.nsems);
	case WT_PMQ:
		return (o->readable ? o->px.curmsgs : o->px.size);
	default:
		return (o->px.size);
	}
}

long long
watch_shown_depth(const struct watch_obj *o)
{
	long long	n = 0;
	int		i;

	switch (o->type) {
	case WT_SHM:
		return (o->shm.nattch);
	case WT_MSG:
		return ((long long)o->msq.qnum);
	case WT_SEM:
		for (i = 0; o->sem.ncnt != NULL && i < o->sem.nsems; i++)
			n += o->sem.ncnt[i] + o->sem.zcnt[i];
		return (n);
	case WT_PMQ:
		return (o->px.curmsgs);
	default:
		return (-1);
	}
}

/* CPID/SEND and LPID/RECV: 0 where the column shows "-". */
static pid_t
pid1_of(const struct watch_obj *o)
{
	return (o->type == WT_SHM ? o->shm.cpid : o->type == WT_MSG ?
	    o->msq.lspid : 0);
}

static pid_t
pid2_of(const struct watch_obj *o)
{
	return (o->type == WT_SHM ? o->shm.lpid : o->type == WT_MSG ?
	    o->msq.lrpid : 0);
}

static time_t
time_of(const struct watch_obj *o)
{
	return (o->type == WT_SHM ? o->shm.ctime : o->type == WT_MSG ?
	    o->msq.ctime : o->type == WT_SEM ? o->sem.ctime : o->px.mtime);
}

const char *
watch_state_word(const struct watch_obj *o, long now)
{
	if (o->gone_ms != 0)
		return ("removed");
	if (o->born_ms != 0 && now - o->born_ms < WATCH_MARK_MS)
		return ("new");
	if (!o->readable)
		return ("no-read");
	if (o->type == WT_SHM && o->shm.dest)
		return ("dest");
	return ("");
}

static uint32_t
peak(const struct watch_obj *o)
{
	uint32_t	m = 0;
	int		i;

	for (i = 0; i < o->hist_n; i++)
		if (o->hist[i] > m)
			m = o->hist[i];
	return (m);
}

/* The list is already in type-then-id order: a tie keeps it. */
static int
by_type(const struct watch_obj *a, const struct watch_obj *b, long now)
{
	(void)now;
	return (num(a->type, b->type));
}

/* System V keys as numbers, then the POSIX names (which show there). */
static int
by_key(const struct watch_obj *a, const struct watch_obj *b, long now)
{
	(void)now;
	if (is_posix(a) != is_posix(b))
		return (is_posix(a) ? 1 : -1);
	if (is_posix(a))
		return (strcmp(a->name, b->name));
	return (num(key_of(a), key_of(b)));
}

static int
by_id(const struct watch_obj *a, const struct watch_obj *b, long now)
{
	(void)now;
	return (num(watch_id(a), watch_id(b)));
}

static int
by_owner(const struct watch_obj *a, const struct watch_obj *b, long now)
{
	(void)now;
	return (strcmp(a->owner, b->owner));
}

static int
by_perms(const struct watch_obj *a, const struct watch_obj *b, long now)
{
	(void)now;
	return (num(a->perms, b->perms));
}

/* Two sets of as many semaphores: by their values, as the column shows
 * them ("1,0,3"). */
static int
by_used(const struct watch_obj *a, const struct watch_obj *b, long now)
{
	int	c = num(used_value(a), used_value(b)), i;

	(void)now;
	if (c != 0 || a->type != WT_SEM || b->type != WT_SEM ||
	    a->sem.values == NULL || b->sem.values == NULL)
		return (c);
	for (i = 0; c == 0 && i < a->sem.nsems; i++)
		c = num(a->sem.values[i], b->sem.values[i]);
	return (c);
}

static int
by_depth(const struct watch_obj *a, const struct watch_obj *b, long now)
{
	(void)now;
	return (num(watch_shown_depth(a), watch_shown_depth(b)));
}

static int
by_pid1(const struct watch_obj *a, const struct watch_obj *b, long now)
{
	(void)now;
	return (num(pid1_of(a), pid1_of(b)));
}

static int
by_pid2(const struct watch_obj *a, const struct watch_obj *b, long now)
{
	(void)now;
	return (num(pid2_of(a), pid2_of(b)));
}

static int
by_state(const struct watch_obj *a, const struct watch_obj *b, long now)
{
	return (strcmp(watch_state_word(a, now), watch_state_word(b, now)));
}

static int
by_time(const struct watch_obj *a, const struct watch_obj *b, long now)
{
	(void)now;
	return (num(time_of(a), time_of(b)));
}

/* LAST MINUTE: by the highest depth the sparkline holds. */
static int
by_peak(const struct watch_obj *a, const struct watch_obj *b, long now)
{
	(void)now;
	return (num(peak(a), peak(b)));
}

const struct watch_column watch_columns[] = {
	{ "type", "TYPE", 4, false, false, by_type },
	{ "key", "KEY/NAME", 10, false, false, by_key },
	{ "id", "ID", 6, true, false, by_id },
	{ "owner", "OWNER", 7, false, false, by_owner },
	{ "perms", "PERM", 4, false, false, by_perms },
	{ "size", "SIZE/USED", 13, true, false, by_used },
	{ "depth", "DEPTH", 5, true, false, by_depth },
	{ "cpid", "CPID/SEND", 10, false, false, by_pid1 },
	{ "lpid", "LPID/RECV", 10, false, false, by_pid2 },
	{ "state", "STATE", 7, false, true, by_state },
	{ "changed", "CHANGED", 8, false, true, by_time },
	{ "minute", "LAST MINUTE", 0, false, true, by_peak },
};

const size_t watch_ncolumns = sizeof(watch_columns) / sizeof(watch_columns[0]);

size_t
watch_column_next(size_t col, int cols)
{
	size_t	i;

	for (i = 1; i <= watch_ncolumns; i++) {
		col = (col + 1) % watch_ncolumns;
		if (!watch_columns[col].wide || cols >= WATCH_WIDE_COLS)
			break;
	}
	return (col);
}

/* Append s padded to w cells (s is n cells wide), right or left. */
static void
put_padded(char *buf, size_t len, const char *s, int n, int w, bool right)
{
	int	i;

	for (i = n; right && i < w; i++)
		strlcat(buf, " ", len);
	strlcat(buf, s, len);
	for (i = n; !right && i < w; i++)
		strlcat(buf, " ", len);
}

void
watch_heading(char *buf, size_t len, size_t sort, bool reverse, bool utf8,
    int cols)
{
	const struct watch_column	*c;
	const char			*arrow;
	char				 label[32];
	size_t				 i;
	int				 n;

	arrow = utf8 ? (reverse ? "\u25bc" : "\u25b2") : (reverse ? "v" : "^");
	strlcpy(buf, " ", len);		/* over the rows' mark */
	for (i = 0; i < watch_ncolumns; i++) {
		c = &watch_columns[i];
		if (c->wide && cols < WATCH_WIDE_COLS)
			break;
		if (i > 0)
			strlcat(buf, " ", len);
		n = (int)strlen(c->head);
		if (i != sort) {
			put_padded(buf, len, c->head, n, c->width, c->right);
			continue;
		}
		if (c->width > 0 && n >= c->width)
			n = c->width - 1;
		snprintf(label, sizeof(label), "%.*s%s", n, c->head, arrow);
		put_padded(buf, len, label, n + 1, c->width, c->right);
	}
}
