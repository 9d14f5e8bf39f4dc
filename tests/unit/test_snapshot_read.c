/*
 * The snapshot reader (snapshot_read.c) against the writer: what one
 * writes, the other reads back, and writing it again gives the same
 * bytes, for every kind of object, each choice a field has, real lines
 * of every transport and what the program prints now. Every way a line
 * can be wrong is refused with one printable line naming the column (a
 * text that is no JSON) or the field (a value of the wrong type or range,
 * missing, too long for its field).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/board.h"
#include "ipcscope/headless.h"
#include "ipcscope/json_read.h"
#include "ipcscope/record.h"
#include "ipcscope/snapshot.h"
#include "ipcscope/transport.h"
#include "suites.h"

#define ERR_SIZE	512

static struct snapshot	snap, back;
static char		err[ERR_SIZE];

/* What the writer prints for s: one line and its newline; free() it. */
static char *
line_of(const struct snapshot *s)
{
	char	*p = NULL;
	size_t	 n = 0;
	FILE	*f;

	f = open_memstream(&p, &n);
	ck_assert_ptr_nonnull(f);
	snapshot_json_write(f, s);
	ck_assert_int_eq(fclose(f), 0);
	return (p);
}

/* text[0..at) + with + text[end..), a new string to free(). */
static char *
splice(const char *text, size_t at, size_t end, const char *with)
{
	size_t	 len = strlen(text), wl = strlen(with);
	char	*s;

	ck_assert(at <= end && end <= len);
	s = malloc(len - (end - at) + wl + 1);
	ck_assert_ptr_nonnull(s);
	memcpy(s, text, at);
	memcpy(s + at, with, wl);
	memcpy(s + at + wl, text + end, len - end + 1);
	return (s);
}

/* The first from after anchor replaced by to: a new string. */
static char *
replace_after(const char *text, const char *anchor, const char *from,
    const char *to)
{
	const char	*a, *p;

	a = strstr(text, anchor);
	ck_assert_msg(a != NULL, "no %s in the line", anchor);
	p = strstr(a, from);
	ck_assert_msg(p != NULL, "no %s after %s", from, anchor);
	return (splice(text, (size_t)(p - text), (size_t)(p - text) +
	    strlen(from), to));
}

/* Every from replaced by to (from must be there): a new string. */
static char *
replace_all(const char *text, const char *from, const char *to)
{
	char		*s, *n;
	const char	*p;
	size_t		 at = 0;

	s = strdup(text);
	ck_assert_ptr_nonnull(s);
	ck_assert_msg(strstr(s, from) != NULL, "no %s in the line", from);
	while ((p = strstr(s + at, from)) != NULL) {
		at = (size_t)(p - s);
		n = splice(s, at, at + strlen(from), to);
		free(s);
		s = n;
		at += strlen(to);
	}
	return (s);
}

/* The two lines the same, or where they part. */
static void
same_line(const char *got, const char *want, const char *what)
{
	size_t	i, from;

	for (i = 0; got[i] == want[i] && got[i] != '\0'; i++)
		;
	if (got[i] == want[i])
		return;
	from = i > 30 ? i - 30 : 0;
	ck_abort_msg("%s: written again, it differs at byte %zu:\n"
	    "got  ...%.70s\nwant ...%.70s", what, i, got + from, want + from);
}

static void
read_ok(const char *text, size_t len, struct snapshot *s, const char *what)
{
	if (snapshot_json_read(text, len, s, err, sizeof(err)) != 0)
		ck_abort_msg("%s: refused: %s", what, err);
}

/* "column N: ...", "\"path\": ..." or "the top level: ...". */
static bool
names_a_place(const char *e)
{
	const char	*p;

	if (strncmp(e, "column ", 7) == 0) {
		p = e + 7;
		if (!isdigit((unsigned char)*p) || *p == '0')
			return (false);
		while (isdigit((unsigned char)*p))
			p++;
		return (strncmp(p, ": ", 2) == 0 && p[2] != '\0');
	}
	if (e[0] == '"') {
		p = strstr(e + 1, "\": ");
		return (p != NULL && p > e + 1 && p[3] != '\0');
	}
	return (strncmp(e, "the top level: ", 15) == 0);
}

/* A refusal's message: one line of printable ASCII naming a place. */
static void
check_msg(const char *e, const char *what)
{
	const char	*p;

	for (p = e; *p != '\0'; p++)
		if (*p < 0x20 || *p > 0x7e)
			ck_abort_msg("%s: byte 0x%02x in the message: %s", what,
			    (unsigned char)*p, e);
	if (!names_a_place(e))
		ck_abort_msg("%s: the message names no column nor field: "
		    "\"%s\"", what, e);
}

/* text must be refused; the message is left in err. */
static void
refused(const char *text, const char *what)
{
	if (snapshot_json_read(text, strlen(text), &back, err,
	    sizeof(err)) != -1)
		ck_abort_msg("%s: read, and should not be", what);
	check_msg(err, what);
}

/* Refused, the message naming path (and saying why, if given). */
static void
refused_at(const char *text, const char *path, const char *why,
    const char *what)
{
	char	want[256];

	refused(text, what);
	snprintf(want, sizeof(want), "\"%s\": ", path);
	if (strncmp(err, want, strlen(want)) != 0)
		ck_abort_msg("%s: the message should name %s: %s", what, path,
		    err);
	if (why != NULL && strstr(err, why) == NULL)
		ck_abort_msg("%s: the message should say \"%s\": %s", what, why,
		    err);
}

/* Write, read, write: the read succeeds and both writes are the same. */
static void
round_trip(const struct snapshot *s, const char *what)
{
	char	*w1, *w2;

	w1 = line_of(s);
	read_ok(w1, strlen(w1), &back, what);
	w2 = line_of(&back);
	same_line(w2, w1, what);
	free(w1);
	free(w2);
}

/* A text read, then written again the same, byte for byte (the newline
 * the writer ends a line with aside). */
static void
reads_back_as_is(const char *text, const char *what)
{
	size_t	 len = strlen(text);
	char	*w;

	read_ok(text, len, &back, what);
	w = line_of(&back);
	if (len == 0 || text[len - 1] != '\n') {
		ck_assert_uint_eq(strlen(w), len + 1);
		ck_assert_int_eq(w[len], '\n');
		w[len] = '\0';
	}
	same_line(w, text, what);
	free(w);
}

/*
 * The base of the tests that break a line: every field set (test_json.c's
 * snapshot), and the members the writer leaves out at times there too: a
 * blocked worker with its reason, carrying an item, and a dead one,
 * killed by a signal, that puts into the buffer.
 */
static void
rich(struct snapshot *s)
{
	struct snap_worker	*w;

	unit_fill_every_field(s);
	w = &s->workers[0];
	w->blocked = true;
	strlcpy(w->reason, "no item", sizeof(w->reason));
	strlcpy(w->wchan, "pipe_read", sizeof(w->wchan));
	strlcpy(w->holds, "mutex", sizeof(w->holds));
	w->carrying = true;
	w->item_seq = 804;
	w = &s->workers[1];
	memset(w, 0, sizeof(*w));
	w->role = ROLE_PRODUCER;
	w->id = 2;
	w->pid = 805;
	w->from = -1;
	w->to = 0;
	strlcpy(w->phase, "write", sizeof(w->phase));
	strlcpy(w->call, "write(fd)", sizeof(w->call));
	w->state = '-';
	w->exit_signal = 9;
	s->nworkers = 2;
	s->selected = 1;
}

static char *
rich_line(void)
{
	rich(&snap);
	return (line_of(&snap));
}

/*
 * The values of a line the reader reads, found by the JSON reader: each
 * with its bytes in the line, its type and its path. The legacy "buffer"
 * and "kernel", which the reader skips, are left out.
 */
struct spot {
	size_t		 at, end;	/* text[at..end) */
	enum json_type	 type;
	bool		 member;	/* of an object, not an array element */
	char		 path[128];
};

static struct spot	spots[1024];
static size_t		nspots;

/* One past the value that starts at t[i]. */
static size_t
value_end(const char *t, size_t i)
{
	int	depth = 0;
	bool	in_str = false;

	for (; t[i] != '\0'; i++) {
		if (in_str) {
			if (t[i] == '\\')
				i++;
			else if (t[i] == '"') {
				in_str = false;
				if (depth == 0)
					return (i + 1);
			}
			continue;
		}
		switch (t[i]) {
		case '"':
			in_str = true;
			break;
		case '{':
		case '[':
			depth++;
			break;
		case '}':
		case ']':
			if (depth == 0)
				return (i);
			if (--depth == 0)
				return (i + 1);
			break;
		case ',':
			if (depth == 0)
				return (i);
			break;
		}
	}
	return (i);
}

static void
collect(const struct json_value *v, const char *text, bool top)
{
	const struct json_value	*c;
	const char		*k;
	struct spot		*s;

	for (c = json_first(v); c != NULL; c = json_next(c)) {
		k = json_key(c, NULL);
		if (top && k != NULL && (strcmp(k, "buffer") == 0 ||
		    strcmp(k, "kernel") == 0))
			continue;
		ck_assert_uint_lt(nspots, sizeof(spots) / sizeof(spots[0]));
		s = &spots[nspots++];
		s->at = json_column(c) - 1;
		s->end = value_end(text, s->at);
		s->type = json_typeof(c);
		s->member = k != NULL;
		json_path(c, s->path, sizeof(s->path));
		collect(c, text, false);
	}
}

static void
find_spots(const char *text)
{
	struct json_doc	*doc;

	nspots = 0;
	doc = json_parse(text, strlen(text), 1 << 20, err, sizeof(err));
	ck_assert_msg(doc != NULL, "%s", err);
	collect(json_root(doc), text, true);
	json_doc_free(doc);
	ck_assert_uint_gt(nspots, 100);
}

/* The spot at path. */
static const struct spot *
spot_at(const char *path)
{
	size_t	i;

	for (i = 0; i < nspots; i++)
		if (strcmp(spots[i].path, path) == 0)
			return (&spots[i]);
	ck_abort_msg("no value at %s", path);
	return (NULL);
}

/* path against pat: '#' stands for an index, a final '*' for the rest. */
static bool
matches(const char *path, const char *pat)
{
	for (; *pat != '\0'; pat++) {
		if (*pat == '*')
			return (true);
		if (*pat == '#') {
			if (!isdigit((unsigned char)*path))
				return (false);
			while (isdigit((unsigned char)*path))
				path++;
			continue;
		}
		if (*path++ != *pat)
			return (false);
	}
	return (*path == '\0');
}

static bool
matches_any(const char *path, const char *const pats[])
{
	for (; *pats != NULL; pats++)
		if (matches(path, *pats))
			return (true);
	return (false);
}

/* ----- Round trips ----- */

/* A string of size - 1 bytes from pat, no UTF-8 sequence cut. */
static void
fill_str(char *buf, size_t size, const char *pat)
{
	size_t	n = 0, i = 0, k;

	while (n + 1 < size) {
		k = 1;
		while (((unsigned char)pat[i + k] & 0xc0) == 0x80)
			k++;
		if (n + k + 1 > size)
			break;
		memcpy(buf + n, pat + i, k);
		n += k;
		if (pat[i += k] == '\0')
			i = 0;
	}
	while (n + 1 < size)
		buf[n++] = 'x';
	buf[n] = '\0';
}

/* The variations of the every-field snapshot, one round trip each. */
static void
v_every_field(struct snapshot *s)
{
	unit_fill_every_field(s);
}

static void
v_rich(struct snapshot *s)
{
	rich(s);
}

/* Nothing at all: no object, buffer, worker, fact; untimed, unselected. */
static void
v_empty(struct snapshot *s)
{
	snapshot_clear(s);
}

static void
v_posix_sems(struct snapshot *s)
{
	static const char	*names[] = { "empty", "full", "mutex", "x" };
	struct snap_sem		*m;
	int			 i;

	unit_fill_every_field(s);
	m = &s->objects[1].u.sem;
	m->posix = true;
	m->nsems = 4;
	for (i = 0; i < 4; i++) {
		strlcpy(m->names[i], names[i], sizeof(m->names[i]));
		m->values[i] = i == 3 ? -1 : 300 + i;
		m->ncnt[i] = 310 + i;
	}
}

static void
v_sems_none(struct snapshot *s)
{
	unit_fill_every_field(s);
	s->objects[1].u.sem.nsems = 0;
}

static void
v_sems_four(struct snapshot *s)
{
	struct snap_sem	*m;

	unit_fill_every_field(s);
	m = &s->objects[1].u.sem;
	m->nsems = 4;
	strlcpy(m->names[3], "spare", sizeof(m->names[3]));
	m->values[3] = 0;
	m->ncnt[3] = 1;
	m->zcnt[3] = 2;
	m->pid[3] = 3;
}

/* The FIFO made an anonymous pipe: no path. */
static void
v_pipe(struct snapshot *s)
{
	struct snap_object	*o;

	unit_fill_every_field(s);
	o = &s->objects[5];
	o->kind = OBJ_PIPE;
	strlcpy(o->ident, "pipe:[601]", sizeof(o->ident));
	o->u.pipe.path[0] = '\0';
}

static void
v_dgram(struct snapshot *s)
{
	unit_fill_every_field(s);
	s->objects[6].u.sock.stream = false;
}

/* A fact of each outcome, and the fields each one writes or not. */
static void
v_facts(struct snapshot *s)
{
	static const int	 outcomes[SNAP_FACTS] = { FACT_DONE,
	    FACT_FAILED, FACT_ASLEEP, FACT_PARTIAL, FACT_EOF, FACT_LAST_PART,
	    FACT_FAILED, FACT_DONE };
	static const int	 errs[SNAP_FACTS] = { 0, EAGAIN, 0, 0, 0, 0,
	    5000, 0 };
	struct snap_fact	*f;
	int			 i;

	unit_fill_every_field(s);
	s->nfacts = SNAP_FACTS;
	for (i = 0; i < SNAP_FACTS; i++) {
		f = &s->facts[i];
		memset(f, 0, sizeof(*f));
		f->worker[0] = i % 2 ? 'C' : 'P';
		f->worker[1] = (char)('1' + i);
		f->woken = i % 3 == 1;
		f->outcome = outcomes[i];
		snprintf(f->phase, sizeof(f->phase), "phase%d", i);
		snprintf(f->call, sizeof(f->call), "call%d(fd)", i);
		f->ret = f->outcome == FACT_FAILED ? -1 : 100 + i;
		f->err = errs[i];
		f->slot = i == 0 ? 0 : i == 7 ? INT_MAX : i - 2;
		f->item = i == 7 ? UINT32_MAX : (uint32_t)i;
		f->got = 10 + i;
		f->want = 20 + i;
	}
}

static void
v_no_closing(struct snapshot *s)
{
	unit_fill_every_field(s);
	memset(&s->closing, 0, sizeof(s->closing));
}

static void
v_closing_no_signal(struct snapshot *s)
{
	unit_fill_every_field(s);
	strlcpy(s->closing.reason, "quit", sizeof(s->closing.reason));
	s->closing.signal = 0;
	s->closing.status = 0;
}

static void
v_untimed(struct snapshot *s)
{
	unit_fill_every_field(s);
	s->at_ms = -1;
}

static void
v_at_zero(struct snapshot *s)
{
	unit_fill_every_field(s);
	s->at_ms = 0;
	s->mode = MODE_STEP;
	s->granularity = GRAIN_CALL;
}

/*
 * As many workers and buffers as a frame holds, each worker a mix of the
 * rest: from and to null or a buffer, alive or dead, killed or not,
 * carrying item 0, none or the largest, blocked or ready.
 */
static void
v_workers(struct snapshot *s)
{
	static const char	 states[] = "RSTZ-";
	struct snap_buffer	*b;
	struct snap_worker	*w;
	char			 name[8];
	int			 i;

	unit_fill_every_field(s);
	for (i = 1; i < SNAP_BUFFERS; i++) {
		name[0] = 'B';
		name[1] = (char)('1' + i);
		name[2] = '\0';
		b = snapshot_add_buffer(s, name);
		ck_assert_ptr_nonnull(b);
		b->capacity = i;
		snapshot_carries(s, b, &s->objects[i + 2]);
	}
	s->nworkers = WORKERS_MAX;
	for (i = 0; i < WORKERS_MAX; i++) {
		w = &s->workers[i];
		memset(w, 0, sizeof(*w));
		w->role = i % 2 ? ROLE_CONSUMER : ROLE_PRODUCER;
		w->id = i / 2 + 1;
		w->pid = 1000 + i;
		w->alive = i % 4 != 3;
		snprintf(w->phase, sizeof(w->phase), "ph%d", i);
		snprintf(w->call, sizeof(w->call), "call%d", i);
		w->from = i % 5 == 0 ? -1 : i % SNAP_BUFFERS;
		w->to = i % 3 == 0 ? -1 : (i + 1) % SNAP_BUFFERS;
		w->state = states[i % 5];
		snprintf(w->wchan, sizeof(w->wchan), "wchan%d", i);
		w->waiting_permit = i % 2 == 0;
		w->blocked = i % 3 == 1;
		snprintf(w->reason, sizeof(w->reason), "reason %d", i);
		if (i % 4 == 1)
			strlcpy(w->holds, "mutex", sizeof(w->holds));
		w->carrying = i % 3 != 2;
		w->item_seq = i == 0 ? 0 : i == 1 ? UINT32_MAX : (uint32_t)i;
		w->done = (unsigned long)i * 7;
		w->exit_signal = i % 8 == 3 ? 0 : i % 64 + 1;
	}
	s->selected = WORKERS_MAX - 1;
}

/* Everything at its most: objects, slots, mappers, carriers, facts. */
static void
v_full_frame(struct snapshot *s)
{
	struct snap_buffer	*b;
	struct snap_object	*o;
	int			 i;

	v_facts(s);
	o = snapshot_add_object(s, OBJ_PIPE, "pipe:[8]");
	ck_assert_ptr_nonnull(o);
	o->u.pipe.queued = 801;
	o->u.pipe.capacity = 802;
	ck_assert_int_eq(s->nobjects, SNAP_OBJECTS);
	b = &s->buffers[0];
	b->nobjects = 0;
	for (i = 0; i < SNAP_OBJECTS; i++)
		snapshot_carries(s, b, &s->objects[i]);
	b->nslots = SLOTS_MAX;
	b->capacity = SLOTS_MAX;
	b->in = SLOTS_MAX;
	b->out = 0;
	for (i = 0; i < SLOTS_MAX; i++) {
		b->slots[i].full = i % 3 != 0;
		b->slots[i].seq = (uint32_t)i * 3;
		b->slots[i].producer = i % 8;
		b->slots[i].mtype = i % 4 == 1 ? i : 0;
	}
	o = &s->objects[3];
	o->u.pshm.nmappers = WORKERS_MAX + 1;
	for (i = 0; i < WORKERS_MAX + 1; i++)
		o->u.pshm.mappers[i] = 4000 + i;
}

/* Each number at the top of the range the reader takes. */
static void
v_extremes(struct snapshot *s)
{
	struct snap_shm		*shm;
	struct snap_sem		*sem;
	struct snap_msq		*q;
	struct snap_worker	*w;
	int			 i;

	unit_fill_every_field(s);
	s->step = LLONG_MAX;
	s->at_ms = LLONG_MAX;
	s->speed_ms = s->cspeed_ms = INT_MAX;
	s->produced = s->consumed = LLONG_MAX;
	s->audit.taken = s->audit.duplicates = LLONG_MAX;
	s->audit.out_of_order = s->audit.unknown = LLONG_MAX;
	s->audit.lost = LLONG_MAX;
	shm = &s->objects[0].u.shm;
	shm->id = INT_MAX;
	shm->key = UINT32_MAX;
	shm->mode = 0777;
	shm->size = LLONG_MAX;
	shm->nattch = shm->viewer_attached = INT_MAX;
	shm->cpid = shm->lpid = INT_MAX;
	shm->atime = shm->dtime = shm->ctime = LLONG_MAX;
	sem = &s->objects[1].u.sem;
	sem->id = INT_MAX;
	sem->key = 0;
	sem->mode = 0;
	for (i = 0; i < sem->nsems; i++) {
		sem->values[i] = i == 0 ? -1 : INT_MAX;
		sem->ncnt[i] = sem->zcnt[i] = sem->pid[i] = INT_MAX;
	}
	sem->otime = sem->ctime = LLONG_MAX;
	q = &s->objects[2].u.msq;
	q->id = INT_MAX;
	q->qnum = q->cbytes = q->qbytes = LLONG_MAX;
	q->lspid = q->lrpid = INT_MAX;
	q->stime = q->rtime = q->ctime = LLONG_MAX;
	s->objects[3].u.pshm.size = LLONG_MAX;
	s->objects[3].u.pshm.mappers[0] = INT_MAX;
	s->objects[4].u.mq.curmsgs = s->objects[4].u.mq.maxmsg = LONG_MAX;
	s->objects[4].u.mq.msgsize = LONG_MAX;
	s->objects[4].u.mq.waiting_send = INT_MAX;
	s->objects[4].u.mq.waiting_receive = INT_MAX;
	s->objects[5].u.pipe.queued = s->objects[5].u.pipe.capacity = INT_MAX;
	s->objects[6].u.sock.inq = s->objects[6].u.sock.outq = INT_MAX;
	s->objects[6].u.sock.sndbuf = s->objects[6].u.sock.rcvbuf = INT_MAX;
	s->buffers[0].capacity = s->buffers[0].count = INT_MAX;
	s->buffers[0].in = s->buffers[0].out = SLOTS_MAX;
	s->buffers[0].slots[0].seq = UINT32_MAX;
	s->buffers[0].slots[0].producer = INT_MAX;
	s->buffers[0].slots[1].mtype = INT_MAX;
	w = &s->workers[0];
	w->id = INT_MAX;
	w->pid = INT_MAX;
	w->alive = false;
	w->exit_signal = 64;
	w->carrying = true;
	w->item_seq = UINT32_MAX;
	w->done = LLONG_MAX;
	s->facts[0].ret = LONG_MAX;
	s->facts[0].slot = INT_MAX;
	s->facts[0].item = UINT32_MAX;
	s->facts[0].other = UINT32_MAX;
	s->facts[0].got = s->facts[0].want = LONG_MAX;
	s->facts[1].ret = LONG_MIN;
	s->closing.signal = 64;
	s->closing.status = 255;
}

/*
 * Each string as long as its field holds, of bytes JSON escapes (quote,
 * backslash, control characters) and of UTF-8 sequences, two to four
 * bytes, none of them cut.
 */
static void
v_long_strings(struct snapshot *s)
{
	static const char	 pat[] = "\"\\/\x01\n\t\x7f \xc3\xa9\xe2\x96"
	    "\xb6\xf0\x9f\x98\x80 ab";
	struct snap_worker	*w;
	struct snap_fact	*f;
	struct snap_object	*o;
	int			 i;

	rich(s);
	fill_str(s->key, sizeof(s->key), pat);
	fill_str(s->transport, sizeof(s->transport), pat);
	fill_str(s->title, sizeof(s->title), pat);
	fill_str(s->notes, sizeof(s->notes), pat);
	fill_str(s->event, sizeof(s->event), pat);
	fill_str(s->closing.reason, sizeof(s->closing.reason), pat);
	fill_str(s->buffers[0].name, sizeof(s->buffers[0].name), pat);
	fill_str(s->buffers[0].note, sizeof(s->buffers[0].note), pat);
	for (i = 0; i < s->nobjects; i++) {
		o = &s->objects[i];
		fill_str(o->ident, sizeof(o->ident), pat);
		o->ident[0] = (char)('0' + i);	/* each its own */
	}
	o = &s->objects[1];
	for (i = 0; i < o->u.sem.nsems; i++) {
		fill_str(o->u.sem.names[i], sizeof(o->u.sem.names[i]), pat);
		o->u.sem.names[i][0] = (char)('0' + i);
	}
	fill_str(s->objects[3].u.pshm.name, sizeof(s->objects[3].u.pshm.name),
	    pat);
	fill_str(s->objects[4].u.mq.name, sizeof(s->objects[4].u.mq.name), pat);
	fill_str(s->objects[5].u.pipe.path, sizeof(s->objects[5].u.pipe.path),
	    pat);
	for (i = 0; i < s->nworkers; i++) {
		w = &s->workers[i];
		w->state = '"';
		fill_str(w->phase, sizeof(w->phase), pat);
		fill_str(w->call, sizeof(w->call), pat);
		fill_str(w->wchan, sizeof(w->wchan), pat);
		fill_str(w->reason, sizeof(w->reason), pat);
		fill_str(w->holds, sizeof(w->holds), pat);
	}
	for (i = 0; i < s->nfacts; i++) {
		f = &s->facts[i];
		fill_str(f->worker, sizeof(f->worker), pat);
		fill_str(f->phase, sizeof(f->phase), pat);
		fill_str(f->call, sizeof(f->call), pat);
	}
}

/*
 * An ident longer than its field, cut by snapshot_add_object() where a
 * two-byte character straddles the end (a FIFO's path in a long run
 * directory): what is kept is whole characters, and reads back.
 */
static void
v_cut_ident(struct snapshot *s)
{
	char			 path[2 * SNAP_IDENT_MAX];
	struct snap_object	*o;

	unit_fill_every_field(s);
	path[0] = '/';
	path[1] = 'a';
	fill_str(path + 2, sizeof(path) - 2, "\xc3\xa9");
	o = snapshot_add_object(s, OBJ_PIPE, "%s", path);
	ck_assert_ptr_nonnull(o);
	ck_assert_uint_ge(strlen(o->ident), SNAP_IDENT_MAX - 2);
	ck_assert_msg(((unsigned char)o->ident[strlen(o->ident) - 1] &
	    0xc0) == 0x80, "a character cut: the ident ends in 0x%02x",
	    (unsigned char)o->ident[strlen(o->ident) - 1]);
}

static const struct variation {
	const char	*name;
	void		(*make)(struct snapshot *);
} variations[] = {
	{ "every field", v_every_field },
	{ "blocked, carrying, killed_by", v_rich },
	{ "empty", v_empty },
	{ "POSIX semaphores", v_posix_sems },
	{ "a set of no semaphore", v_sems_none },
	{ "a set of four", v_sems_four },
	{ "a pipe, not a FIFO", v_pipe },
	{ "a datagram socket", v_dgram },
	{ "a fact of every outcome", v_facts },
	{ "no closing", v_no_closing },
	{ "closing without a signal", v_closing_no_signal },
	{ "untimed", v_untimed },
	{ "at 0 ms, step, call", v_at_zero },
	{ "a frame of workers and buffers", v_workers },
	{ "a full frame", v_full_frame },
	{ "each number at its most", v_extremes },
	{ "each string at its longest", v_long_strings },
	{ "an ident cut by its field", v_cut_ident },
};

START_TEST(variation_round_trip)
{
	const struct variation	*v = &variations[_i];

	v->make(&snap);
	round_trip(&snap, v->name);
}
END_TEST

/* The reader fills what it reads, and only that: what back held before
 * makes no difference. */
START_TEST(read_into_a_used_snapshot)
{
	char	*w1, *w2;

	v_full_frame(&snap);
	w1 = line_of(&snap);
	memset(&back, 0xa5, sizeof(back));
	read_ok(w1, strlen(w1), &back, "over 0xa5 bytes");
	w2 = line_of(&back);
	same_line(w2, w1, "over 0xa5 bytes");
	free(w2);
	v_workers(&back);
	read_ok(w1, strlen(w1), &back, "over another snapshot");
	w2 = line_of(&back);
	same_line(w2, w1, "over another snapshot");
	free(w2);
	free(w1);
}
END_TEST

/* What the reader gives back, field by field, for a few that the bytes
 * alone would not tell from a neighbour. */
START_TEST(fields_land_where_they_belong)
{
	char	*w;

	unit_fill_every_field(&snap);
	w = line_of(&snap);
	read_ok(w, strlen(w), &back, "every field");
	free(w);
	ck_assert_int_eq(back.nobjects, 7);
	ck_assert_int_eq(back.objects[5].kind, OBJ_FIFO);
	ck_assert_str_eq(back.objects[5].ident, "/run/fifo");
	ck_assert_int_eq(back.objects[0].u.shm.dtime, 109);
	ck_assert_int_eq(back.objects[1].u.sem.pid[2], 214);
	ck_assert_int_eq(back.objects[1].u.sem.zcnt[0], 209);
	ck_assert_int_eq(back.objects[4].u.mq.waiting_receive, 505);
	ck_assert_int_eq(back.buffers[0].nobjects, 2);
	ck_assert_int_eq(back.buffers[0].objects[1], 1);
	ck_assert(back.buffers[0].has_inout);
	ck_assert_int_eq(back.buffers[0].slots[1].mtype, 22);
	ck_assert_int_eq(back.workers[0].from, 0);
	ck_assert_int_eq(back.workers[0].to, -1);
	ck_assert_str_eq(back.workers[0].label, "C801");
	ck_assert_int_eq(back.facts[0].outcome, FACT_PARTIAL);
	ck_assert_int_eq(back.facts[1].err, EPIPE);
	ck_assert(back.facts[1].woken);
	ck_assert_int_eq(back.facts[1].slot, -1);
	ck_assert_int_eq(back.at_ms, 1234);
	ck_assert_int_eq(back.selected, 0);
	ck_assert_int_eq(back.closing.signal, 15);
	ck_assert_int_eq(back.workers[0].line, 2);
	ck_assert_str_eq(back.workers[0].line_text, "n = read(fd, buf, N);");
	ck_assert_int_eq(back.code.nlines[ROLE_PRODUCER], 1);
	ck_assert_int_eq(back.code.nlines[ROLE_CONSUMER], 3);
	ck_assert_str_eq(back.code.lines[ROLE_PRODUCER][0],
	    "write(fd, \"\\x\", N);");
	ck_assert_str_eq(back.code.lines[ROLE_CONSUMER][1],
	    "  n = read(fd, buf, N);");
}
END_TEST

/* A worker's line past the end of its loop, and a loop longer than the
 * listing holds: refused, naming the place. */
START_TEST(code_line_out_of_its_loop)
{
	char	*w, *bad;

	unit_fill_every_field(&snap);
	w = line_of(&snap);
	bad = replace_after(w, "\"line\":", "\"number\":2", "\"number\":4");
	refused_at(bad, "workers[0].line.number", "past the end", "line 4 of 3");
	free(bad);
	bad = replace_after(w, "\"line\":", "\"number\":2", "\"number\":0");
	refused_at(bad, "workers[0].line.number", NULL, "line 0");
	free(bad);
	bad = replace_after(w, "\"code\":", "\"}\"]}", "\"}\",\"a\",\"b\","
	    "\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\",\"l\",\"m\",\"n\"]}");
	refused_at(bad, "code.consumer", "more lines", "17 lines");
	free(bad);
	free(w);
}
END_TEST

/* Each kind of object alone in a frame, carrying the one buffer. */
START_TEST(each_kind_alone)
{
	struct snap_object	*o;
	struct snap_buffer	*b;
	char			 what[64];

	unit_fill_every_field(&back);
	snapshot_clear(&snap);
	strlcpy(snap.transport, "t", sizeof(snap.transport));
	o = snapshot_add_object(&snap, _i, "kind %d", _i);
	ck_assert_ptr_nonnull(o);
	if (_i == OBJ_PIPE) {
		o->u.pipe.queued = 1;
		o->u.pipe.capacity = 2;
	} else
		o->u = snapshot_first(&back, _i)->u;
	b = snapshot_add_buffer(&snap, "B1");
	snapshot_carries(&snap, b, o);
	snap.nworkers = 1;
	snap.workers[0] = back.workers[0];
	snprintf(what, sizeof(what), "%s alone", obj_kind_name(_i));
	round_trip(&snap, what);
}
END_TEST

/* ----- Real lines ----- */

/* A line the program printed, read and written again: the same bytes. */
START_TEST(real_line_reads_back_as_is)
{
	const struct unit_line	*u = &unit_real_lines[_i];
	char			 what[128];

	snprintf(what, sizeof(what), "%s: %s", u->transport, u->what);
	reads_back_as_is(u->line, what);
	ck_assert_str_eq(back.transport, u->transport);
	ck_assert_int_eq(back.nbuffers, 1);
	ck_assert_int_gt(back.nobjects, 0);
	ck_assert_int_gt(back.nworkers, 1);
}
END_TEST

/* With its newline, a CR before it, blanks around it: JSON's white
 * space, which the line reads with. */
START_TEST(real_line_in_white_space)
{
	static const char *const around[][2] = { { "", "\n" },
	    { "", "\r\n" }, { " \t", " \t\n" }, { "\n", "" } };
	const char	*l = unit_real_lines[_i].line;
	char		*nl;
	size_t		 i;

	for (i = 0; i < sizeof(around) / sizeof(around[0]); i++) {
		if (asprintf(&nl, "%s%s%s", around[i][0], l, around[i][1]) ==
		    -1)
			ck_abort_msg("asprintf");
		read_ok(nl, strlen(nl), &back, "in white space");
		free(nl);
	}
}
END_TEST

/*
 * Cut at every byte, the line is refused each time, never read; the
 * message names the column, at the cut or before it. Each cut is copied
 * to a buffer of its own length, for ASan to see a read past it.
 */
START_TEST(real_line_cut_at_every_byte)
{
	const struct unit_line	*u = &unit_real_lines[_i];
	size_t			 len = strlen(u->line), k;
	unsigned long		 col;
	char			*cut, what[64];

	for (k = 0; k < len; k++) {
		cut = malloc(k + 1);
		ck_assert_ptr_nonnull(cut);
		memcpy(cut, u->line, k);
		snprintf(what, sizeof(what), "%s cut at %zu", u->transport, k);
		if (snapshot_json_read(cut, k, &back, err, sizeof(err)) != -1)
			ck_abort_msg("%s: read", what);
		free(cut);
		check_msg(err, what);
		if (strncmp(err, "column ", 7) != 0 ||
		    (col = strtoul(err + 7, NULL, 10)) < 1 || col > k + 1)
			ck_abort_msg("%s: %s", what, err);
	}
}
END_TEST

/*
 * The program's own lines as it prints them now, for each transport: a
 * headless run with --json and --record (in the suite's private IPC
 * namespace), every line printed read back as is, and every recorded
 * line (timed) too.
 */
START_TEST(live_run_reads_back)
{
	static char		 name[] = "ipcscope";
	char *const		 argv[] = { name, NULL };
	struct recording	*r;
	struct config		 cfg;
	const char		*l;
	char			 out[512], rec[512], *line = NULL, *nl, what[64];
	size_t			 cap = 0, n, i, nlines = 0;
	ssize_t			 len;
	FILE			*f;

	snprintf(out, sizeof(out), "%s/run", unit_tmpdir());
	setenv("IPCSCOPE_RUNDIR", out, 1);
	memset(&cfg, 0, sizeof(cfg));
	cfg.transport = transports[_i];
	ck_assert_ptr_nonnull(cfg.transport);
	cfg.slots = 2;
	cfg.producers = cfg.consumers = 1;
	cfg.item_size = 64;
	cfg.speed_ms = cfg.cspeed_ms = 500;
	cfg.headless = cfg.json = true;
	cfg.keys = "ppppppcPpp\t\tkcq";
	snprintf(rec, sizeof(rec), "%s/rec.jsonl", unit_tmpdir());
	cfg.record = rec;
	cfg.argv = argv;
	snprintf(out, sizeof(out), "%s/out.jsonl", unit_tmpdir());
	ck_assert_ptr_nonnull(freopen(out, "w", stdout));
	ck_assert_int_eq(headless_main(&cfg), 0);
	ck_assert_int_eq(fflush(stdout), 0);

	f = fopen(out, "r");
	ck_assert_ptr_nonnull(f);
	while ((len = getline(&line, &cap, f)) > 0) {
		snprintf(what, sizeof(what), "%s line %zu", cfg.transport->name,
		    ++nlines);
		reads_back_as_is(line, what);
		ck_assert_int_eq(back.at_ms, -1);
	}
	free(line);
	fclose(f);
	/* A line per key, and the closing one. */
	ck_assert_uint_eq(nlines, strlen(cfg.keys) + 1);
	ck_assert_str_eq(back.closing.reason, "quit");

	r = recording_open(rec, err, sizeof(err));
	ck_assert_msg(r != NULL, "%s", err);
	ck_assert_uint_eq(recording_len(r), nlines);
	for (i = 0; i < recording_len(r); i++) {
		l = recording_line(r, i, &n);
		if (asprintf(&nl, "%.*s\n", (int)n, l) == -1)
			ck_abort_msg("asprintf");
		snprintf(what, sizeof(what), "%s recorded line %zu",
		    cfg.transport->name, i + 1);
		reads_back_as_is(nl, what);
		ck_assert_int_ge(back.at_ms, 0);
		free(nl);
	}
	recording_close(r);
}
END_TEST

/* ----- Refusals ----- */

/*
 * Not a snapshot: another JSON value, no JSON, or a good line with
 * something around it (a second line, a byte order mark, a bracket, a
 * NUL within the length given) that a lenient reader would let by.
 */
START_TEST(not_a_snapshot)
{
	/* Before, after, and how the message starts. */
	static const char *const around[][3] = { { "", " x", "column " },
	    { "", "{}", "column " }, { "\xef\xbb\xbf", "", "column 1: " },
	    { "", ",", "column " }, { "", "}", "column " },
	    { "//\n", "", "column 1: " }, { "[", "]", "the top level: " },
	    { "{\"a\":", "}", "\"step\": missing" } };
	char	*base, *line, *two;
	size_t	 i, len;

	base = rich_line();
	len = strlen(base);
	for (i = 0; i < sizeof(around) / sizeof(around[0]); i++) {
		if (asprintf(&line, "%s%.*s%s", around[i][0], (int)len - 1,
		    base, around[i][1]) == -1)
			ck_abort_msg("asprintf");
		refused(line, around[i][1]);
		ck_assert_msg(strncmp(err, around[i][2], strlen(around[i][2]))
		    == 0, "%s", err);
		free(line);
	}
	if (asprintf(&two, "%s%s", base, base) == -1)
		ck_abort_msg("asprintf");
	refused(two, "two lines");
	free(two);
	/* A NUL byte after the line, within the length given. */
	base[len - 1] = '\0';
	ck_assert_int_eq(snapshot_json_read(base, len, &back, err,
	    sizeof(err)), -1);
	check_msg(err, "a NUL");
	free(base);

	refused("", "nothing");
	ck_assert_str_eq(err, "column 1: expected a value, got the end of the "
	    "text");
	refused("\n", "a newline alone");
	refused("[]", "an array");
	ck_assert_str_eq(err, "the top level: expected an object, got an "
	    "array");
	refused("\"x\"", "a string");
	refused("null", "null");
	refused("{}", "an empty object");
	ck_assert_str_eq(err, "\"step\": missing");
	refused("{\"step\":1}", "one member");
	ck_assert_str_eq(err, "\"key\": missing");
}
END_TEST

/*
 * Each value the reader reads, made each other type: refused, naming
 * that value's path. Only null is taken where the line may hold one.
 */
START_TEST(wrong_types_everywhere)
{
	static const struct {
		const char	*text;
		enum json_type	 type;
	} others[] = {
		{ "\"x\"", JSON_STRING }, { "7", JSON_NUMBER },
		{ "true", JSON_BOOL }, { "null", JSON_NULL },
		{ "{}", JSON_OBJECT }, { "[]", JSON_ARRAY },
	};
	static const char *const nullable[] = { "workers[#].from",
	    "workers[#].to", "workers[#].line", "facts[#].errno", NULL };
	const struct spot	*s;
	char			*base, *bad, what[192];
	size_t			 i, k, tried = 0;

	base = rich_line();
	find_spots(base);
	for (i = 0; i < nspots; i++) {
		s = &spots[i];
		for (k = 0; k < sizeof(others) / sizeof(others[0]); k++) {
			if (others[k].type == s->type)
				continue;
			bad = splice(base, s->at, s->end, others[k].text);
			snprintf(what, sizeof(what), "%s made %s", s->path,
			    others[k].text);
			if (others[k].type == JSON_NULL &&
			    matches_any(s->path, nullable))
				read_ok(bad, strlen(bad), &back, what);
			else
				refused_at(bad, s->path, NULL, what);
			free(bad);
			tried++;
		}
	}
	ck_assert_uint_gt(tried, 500);
	free(base);
}
END_TEST

/*
 * Each number made one no field takes: too large for any, too small,
 * not an integer. And -1, which only a few take (slot, selected, a
 * semaphore's value, a return value), -2 only the return value.
 */
START_TEST(numbers_out_of_range_everywhere)
{
	static const char *const never[] = { "99999999999999999999",
	    "-99999999999999999999", "9223372036854775808",
	    "-9223372036854775809", "1.5", "1e2", "1E0", "0.0", "-0.5" };
	static const char *const minus_one[] = { "facts[#].ret",
	    "facts[#].slot", "selected", "objects[#].values.*", NULL };
	static const char *const minus_two[] = { "facts[#].ret", NULL };
	const struct spot	*s;
	char			*base, *bad, what[192];
	size_t			 i, k, numbers = 0;

	base = rich_line();
	find_spots(base);
	for (i = 0; i < nspots; i++) {
		s = &spots[i];
		if (s->type != JSON_NUMBER)
			continue;
		numbers++;
		for (k = 0; k < sizeof(never) / sizeof(never[0]); k++) {
			bad = splice(base, s->at, s->end, never[k]);
			snprintf(what, sizeof(what), "%s made %s", s->path,
			    never[k]);
			refused_at(bad, s->path, NULL, what);
			free(bad);
		}
		bad = splice(base, s->at, s->end, "-1");
		snprintf(what, sizeof(what), "%s made -1", s->path);
		if (matches_any(s->path, minus_one))
			read_ok(bad, strlen(bad), &back, what);
		else
			refused_at(bad, s->path, NULL, what);
		free(bad);
		bad = splice(base, s->at, s->end, "-2");
		snprintf(what, sizeof(what), "%s made -2", s->path);
		if (matches_any(s->path, minus_two))
			read_ok(bad, strlen(bad), &back, what);
		else
			refused_at(bad, s->path, NULL, what);
		free(bad);
	}
	ck_assert_uint_gt(numbers, 80);
	free(base);
}
END_TEST

/* Each string made longer than any field holds: refused, by its path. */
START_TEST(long_strings_everywhere)
{
	const struct spot	*s;
	char			*base, *bad, *big, what[192];
	size_t			 i, strings = 0;

	big = malloc(EVENT_MAX + 3);
	ck_assert_ptr_nonnull(big);
	memset(big, 'a', EVENT_MAX + 2);
	big[0] = big[EVENT_MAX + 1] = '"';
	big[EVENT_MAX + 2] = '\0';
	base = rich_line();
	find_spots(base);
	for (i = 0; i < nspots; i++) {
		s = &spots[i];
		if (s->type != JSON_STRING)
			continue;
		strings++;
		bad = splice(base, s->at, s->end, big);
		snprintf(what, sizeof(what), "%s made %d bytes", s->path,
		    EVENT_MAX);
		refused_at(bad, s->path, "longer than", what);
		free(bad);
	}
	ck_assert_uint_gt(strings, 40);
	free(base);
	free(big);
}
END_TEST

/*
 * Each member taken out: refused as missing, naming it, unless the
 * writer leaves it out sometimes (then it reads, as its default).
 */
START_TEST(each_member_missing)
{
	static const char *const optional[] = { "title", "ms", "speed_ms",
	    "cspeed_ms", "selected", "facts", "notes", "closing",
	    "closing.signal", "buffers[#].in", "buffers[#].out",
	    "buffers[#].note", "buffers[#].slots[#].mtype", "objects[#].path",
	    "workers[#].from", "workers[#].to", "workers[#].reason",
	    "workers[#].carrying", "workers[#].killed_by", "workers[#].line",
	    "code", "facts[#].woken",
	    "facts[#].ret", "facts[#].errno", "facts[#].slot",
	    "facts[#].item", "facts[#].got", "facts[#].want",
	    /* written by every writer since --unsafe; older ones had none */
	    "audit.lost", "facts[#].other", "state", NULL };
	const struct spot	*s;
	char			*base, *bad, what[192];
	size_t			 i, at, end, members = 0;

	base = rich_line();
	find_spots(base);
	for (i = 0; i < nspots; i++) {
		s = &spots[i];
		if (!s->member)
			continue;
		members++;
		/* Back over "name": to the quote that opens the name. */
		at = s->at - 2;
		while (base[at - 1] != '"' || base[at - 2] == '\\')
			at--;
		at--;
		end = s->end;
		if (base[at - 1] == ',')
			at--;
		else if (base[end] == ',')
			end++;
		bad = splice(base, at, end, "");
		snprintf(what, sizeof(what), "without %s", s->path);
		if (matches_any(s->path, optional))
			read_ok(bad, strlen(bad), &back, what);
		else
			refused_at(bad, s->path, "missing", what);
		free(bad);
	}
	ck_assert_uint_gt(members, 150);
	free(base);
}
END_TEST

/*
 * A member of a newer version, of each JSON type, after every opening
 * brace (the root, each object and each of their objects), alone and
 * all at once: the line reads as without it.
 */
START_TEST(unknown_members_everywhere)
{
	static const char	 extra[] = "\"zz_newer\":{\"a\":[1,2.5e400,"
	    "{\"b\":null},[]],\"s\":\"\\u00e9\\ud83d\\ude00\\n\",\"n\":"
	    "-123456789012345678901234567890,\"t\":true,\"f\":false,\"o\":{}}";
	char		*base, *w, *bad, *all, with[sizeof(extra) + 1], what[64];
	size_t		 i, places = 0, shift = 0;
	bool		 in_str = false;

	base = rich_line();
	all = strdup(base);
	ck_assert_ptr_nonnull(all);
	for (i = 0; base[i] != '\0'; i++) {
		if (in_str) {
			if (base[i] == '\\')
				i++;
			else if (base[i] == '"')
				in_str = false;
			continue;
		}
		if (base[i] == '"')
			in_str = true;
		if (base[i] != '{')
			continue;
		snprintf(with, sizeof(with), "%s%s", extra,
		    base[i + 1] == '}' ? "" : ",");
		bad = splice(base, i + 1, i + 1, with);
		snprintf(what, sizeof(what), "a member after byte %zu", i);
		read_ok(bad, strlen(bad), &back, what);
		w = line_of(&back);
		same_line(w, base, what);
		free(w);
		free(bad);
		bad = splice(all, i + 1 + shift, i + 1 + shift, with);
		free(all);
		all = bad;
		shift += strlen(with);
		places++;
	}
	/* The root, audit, buffer, kernel and its 8 objects, buffers,
	 * slots, objects and theirs, workers, facts, closing. */
	ck_assert_uint_gt(places, 30);
	read_ok(all, strlen(all), &back, "a member in every object");
	w = line_of(&back);
	same_line(w, base, "a member in every object");
	free(w);
	free(all);
	free(base);
}
END_TEST

/*
 * Invalid UTF-8 of each kind, in a value the reader reads, in one it
 * skips, in a member name: refused, at the column of its first byte.
 * Valid sequences of each length read, and come back as they were.
 */
START_TEST(invalid_utf8_refused)
{
	static const char *const bad[] = { "\xff", "\xfe", "\x80", "\xbf",
	    "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xf0\x80\x80\xaf",
	    "\xed\xa0\x80", "\xed\xbf\xbf", "\xf4\x90\x80\x80",
	    "\xf8\x88\x80\x80\x80", "\xe2\x82", "\xc3", "\xf0\x9f\x98",
	    "\xc3\x28", "\xe2\x28\xa1" };
	static const char *const good[] = { "\xc2\x80", "\xc3\xa9",
	    "\xe2\x96\xb6", "\xef\xbf\xbf", "\xf0\x9f\x98\x80",
	    "\xf4\x8f\xbf\xbf" };
	/* Insert after anchor (its first place): the value read, or not. */
	static const struct {
		const char	*anchor, *pre, *post;
		bool		 read;
	} places[] = {
		{ "\"event\":\"", "", "", true },
		{ "\"ident\":\"/ipc", "", "", true },
		{ "\"reason\":\"", "", ".", true },
		{ "{", "\"zz\":\"", "\",", false },
		{ "{", "\"zz", "\":1,", false },
		{ "\"facts\":[{", "\"zz\":{\"y", "\":[]},", false },
		{ "\"kernel\":{", "\"zz\":\"", "\",", false },
	};
	char		*base, *line, *w, ins[64], want[32], what[64];
	const char	*p;
	size_t		 i, k, at;

	base = rich_line();
	for (p = base; *p != '\0'; p++)
		ck_assert_int_lt((unsigned char)*p, 0x80);
	for (i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		ck_assert_ptr_nonnull(p = strstr(base, places[i].anchor));
		at = (size_t)(p - base) + strlen(places[i].anchor);
		for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
			snprintf(ins, sizeof(ins), "%s%s%s", places[i].pre,
			    bad[k], places[i].post);
			line = splice(base, at, at, ins);
			snprintf(what, sizeof(what), "after %s, bad %zu",
			    places[i].anchor, k);
			refused(line, what);
			/* The column of its first byte. */
			for (p = line; (unsigned char)*p < 0x80; p++)
				;
			snprintf(want, sizeof(want), "column %zu: ",
			    (size_t)(p - line) + 1);
			if (strncmp(err, want, strlen(want)) != 0 ||
			    strstr(err, "UTF-8") == NULL)
				ck_abort_msg("%s: %s", what, err);
			free(line);
		}
		for (k = 0; k < sizeof(good) / sizeof(good[0]); k++) {
			snprintf(ins, sizeof(ins), "%s%s%s", places[i].pre,
			    good[k], places[i].post);
			line = splice(base, at, at, ins);
			snprintf(what, sizeof(what), "after %s, good %zu",
			    places[i].anchor, k);
			if (places[i].read)
				reads_back_as_is(line, what);
			else {
				read_ok(line, strlen(line), &back, what);
				w = line_of(&back);
				same_line(w, base, what);
				free(w);
			}
			free(line);
		}
	}
	free(base);
}
END_TEST

/*
 * Each string field at its limit: a string of as many bytes as the field
 * holds (its size less the NUL) reads, and comes back; one byte more is
 * refused, naming the field. Markers in a snapshot, replaced wherever the
 * line holds them (a buffer's name in the workers' from and to, an
 * ident in its buffer, a semaphore's name in its maps).
 */
static const struct field {
	const char	*marker;	/* the value in the snapshot */
	const char	*path;		/* where the reader meets it first */
	size_t		 size;		/* the field's, NUL included */
} fields[] = {
	{ "@key", "key", sizeof(snap.key) },
	{ "@transport", "transport", sizeof(snap.transport) },
	{ "@title", "title", sizeof(snap.title) },
	{ "@notes", "notes", sizeof(snap.notes) },
	{ "@event", "event", EVENT_MAX },
	{ "@why", "closing.reason", sizeof(snap.closing.reason) },
	{ "@B", "buffers[0].name", sizeof(snap.buffers[0].name) },
	{ "@note", "buffers[0].note", sizeof(snap.buffers[0].note) },
	{ "@ident0", "objects[0].ident", SNAP_IDENT_MAX },
	{ "@sem0", "objects[1].names[0]", sizeof(snap.objects[1].u.sem.names[0]) },
	{ "@pshm", "objects[3].name", sizeof(snap.objects[3].u.pshm.name) },
	{ "@mq", "objects[4].name", sizeof(snap.objects[4].u.mq.name) },
	{ "@path", "objects[5].path", sizeof(snap.objects[5].u.pipe.path) },
	{ "@phase", "workers[0].phase", sizeof(snap.workers[0].phase) },
	{ "@call", "workers[0].call", sizeof(snap.workers[0].call) },
	{ "@wchan", "workers[0].wchan", sizeof(snap.workers[0].wchan) },
	{ "@reason", "workers[0].reason", sizeof(snap.workers[0].reason) },
	{ "@holds", "workers[0].holds", sizeof(snap.workers[0].holds) },
	{ "@P1", "facts[0].worker", sizeof(snap.facts[0].worker) },
	{ "@fphase", "facts[0].phase", sizeof(snap.facts[0].phase) },
	{ "@fcall", "facts[0].call", sizeof(snap.facts[0].call) },
};

static void
markers(struct snapshot *s)
{
	rich(s);
	strlcpy(s->key, "@key", sizeof(s->key));
	strlcpy(s->transport, "@transport", sizeof(s->transport));
	strlcpy(s->title, "@title", sizeof(s->title));
	strlcpy(s->notes, "@notes", sizeof(s->notes));
	strlcpy(s->event, "@event", sizeof(s->event));
	strlcpy(s->closing.reason, "@why", sizeof(s->closing.reason));
	strlcpy(s->buffers[0].name, "@B", sizeof(s->buffers[0].name));
	strlcpy(s->buffers[0].note, "@note", sizeof(s->buffers[0].note));
	strlcpy(s->objects[0].ident, "@ident0", sizeof(s->objects[0].ident));
	strlcpy(s->objects[1].u.sem.names[0], "@sem0",
	    sizeof(s->objects[1].u.sem.names[0]));
	strlcpy(s->objects[3].u.pshm.name, "@pshm",
	    sizeof(s->objects[3].u.pshm.name));
	strlcpy(s->objects[4].u.mq.name, "@mq", sizeof(s->objects[4].u.mq.name));
	strlcpy(s->objects[5].u.pipe.path, "@path",
	    sizeof(s->objects[5].u.pipe.path));
	strlcpy(s->workers[0].phase, "@phase", sizeof(s->workers[0].phase));
	strlcpy(s->workers[0].call, "@call", sizeof(s->workers[0].call));
	strlcpy(s->workers[0].wchan, "@wchan", sizeof(s->workers[0].wchan));
	strlcpy(s->workers[0].reason, "@reason", sizeof(s->workers[0].reason));
	strlcpy(s->workers[0].holds, "@holds", sizeof(s->workers[0].holds));
	strlcpy(s->facts[0].worker, "@P1", sizeof(s->facts[0].worker));
	strlcpy(s->facts[0].phase, "@fphase", sizeof(s->facts[0].phase));
	strlcpy(s->facts[0].call, "@fcall", sizeof(s->facts[0].call));
}

START_TEST(strings_at_their_limit)
{
	const struct field	*f = &fields[_i];
	char			*base, *line, *s, from[32], what[64];
	size_t			 n;

	markers(&snap);
	base = line_of(&snap);
	snprintf(from, sizeof(from), "\"%s\"", f->marker);
	s = malloc(f->size + 3);
	ck_assert_ptr_nonnull(s);
	for (n = f->size - 1; n <= f->size; n++) {
		/* "a...z" of n bytes; the last one of the longest
		 * two-byte, to count bytes and not characters. */
		s[0] = '"';
		fill_str(s + 1, n + 1, "abcdefghijklmnopqrstuvwxyz");
		if (n >= 2)
			memcpy(s + n - 1, "\xc3\xa9", 2);
		s[n + 1] = '"';
		s[n + 2] = '\0';
		line = replace_all(base, from, s);
		snprintf(what, sizeof(what), "%s of %zu bytes", f->path, n);
		if (n < f->size)
			reads_back_as_is(line, what);
		else
			refused_at(line, f->path, "longer than", what);
		free(line);
	}
	free(s);
	free(base);
}
END_TEST

/* One substitution in the rich line, after anchor, and the field the
 * refusal must name (and what it must say, if anything). */
static const struct bad_value {
	const char	*anchor, *from, *to, *path, *why;
} bad_values[] = {
	/* Negative pids, and past an int. */
	{ "\"workers\":[", "\"pid\":802", "\"pid\":-1", "workers[0].pid",
	    "out of range" },
	{ "\"objects\":[", "\"cpid\":106", "\"cpid\":2147483648",
	    "objects[0].cpid", "out of range" },
	{ "\"objects\":[", "\"lspid\":306", "\"lspid\":-306",
	    "objects[2].lspid", NULL },
	{ "\"objects\":[", "\"mappers\":[402", "\"mappers\":[-402",
	    "objects[3].mappers[0]", NULL },
	{ "\"objects\":[", "\"pids\":{\"empty\":212", "\"pids\":{\"empty\":-1",
	    "objects[1].pids.empty", NULL },
	/* Past 32 bits, past an int, below zero. */
	{ "\"buffers\":[", "\"seq\":18", "\"seq\":4294967296",
	    "buffers[0].slots[0].seq", NULL },
	{ "\"workers\":[", "\"carrying\":804", "\"carrying\":4294967296",
	    "workers[0].carrying", NULL },
	{ "\"facts\":[", "\"item\":903", "\"item\":4294967296",
	    "facts[0].item", NULL },
	{ "\"objects\":[", "\"id\":101", "\"id\":2147483648",
	    "objects[0].id", NULL },
	{ "\"objects\":[", "\"queued\":601", "\"queued\":2147483648",
	    "objects[5].queued", NULL },
	{ "{", "\"speed_ms\":23", "\"speed_ms\":-23", "speed_ms", NULL },
	{ "{", "\"ms\":1234", "\"ms\":-1", "ms", NULL },
	/* Ranges of their own. */
	{ "\"workers\":[", "\"id\":801", "\"id\":0", "workers[0].id",
	    "out of range" },
	{ "\"workers\":[", "\"killed_by\":9", "\"killed_by\":0",
	    "workers[1].killed_by", NULL },
	{ "\"workers\":[", "\"killed_by\":9", "\"killed_by\":65",
	    "workers[1].killed_by", NULL },
	{ "\"closing\":", "\"signal\":15", "\"signal\":65",
	    "closing.signal", NULL },
	{ "\"closing\":", "\"status\":143", "\"status\":256",
	    "closing.status", NULL },
	{ "\"buffers\":[", "\"in\":1", "\"in\":65", "buffers[0].in", NULL },
	{ "\"buffers\":[", "\"out\":2", "\"out\":-1", "buffers[0].out", NULL },
	{ "\"objects\":[", "\"nsems\":3", "\"nsems\":5", "objects[1].nsems",
	    NULL },
	{ "\"objects\":[", "\"nsems\":3", "\"nsems\":2", "objects[1].nsems",
	    "not the number of names" },
	{ "\"workers\":[", "\"selected\":1", "\"selected\":2", "selected",
	    "out of range" },
	{ "\"objects\":[", "\"values\":{\"empty\":203",
	    "\"values\":{\"empty\":-2", "objects[1].values.empty", NULL },
	/* An index that is not its position. */
	{ "\"buffers\":[", "\"index\":1", "\"index\":2",
	    "buffers[0].slots[1].index", NULL },
	{ "\"buffers\":[", "\"index\":0", "\"index\":1",
	    "buffers[0].slots[0].index", NULL },
	/* References to nothing, and twice the same ident. */
	{ "\"buffers\":[", "\"objects\":[\"shm 101\"",
	    "\"objects\":[\"shm 999\"", "buffers[0].objects[0]",
	    "names no object" },
	{ "\"workers\":[", "\"from\":\"B1\"", "\"from\":\"B2\"",
	    "workers[0].from", "names no buffer" },
	{ "\"workers\":[", "\"to\":\"B1\"", "\"to\":\"b1\"", "workers[1].to",
	    "names no buffer" },
	{ "\"objects\":[", "\"ident\":\"sem 201\"", "\"ident\":\"shm 101\"",
	    "objects[1].ident", "two objects with one ident" },
	/* Words from a list, and formats of their own. */
	{ "\"objects\":[", "\"kind\":\"shm\"", "\"kind\":\"SHM\"",
	    "objects[0].kind", "not a kind" },
	{ "\"objects\":[", "\"kind\":\"socket\"", "\"kind\":\"sock\"",
	    "objects[6].kind", "not a kind" },
	{ "\"workers\":[", "\"role\":\"consumer\"", "\"role\":\"reader\"",
	    "workers[0].role", NULL },
	{ "\"facts\":[", "\"outcome\":\"partial\"", "\"outcome\":\"half\"",
	    "facts[0].outcome", "not an outcome" },
	{ "\"facts\":[", "\"errno\":\"EPIPE\"", "\"errno\":\"EWHAT\"",
	    "facts[1].errno", "not an errno" },
	{ "\"facts\":[", "\"errno\":\"EPIPE\"", "\"errno\":\"E0\"",
	    "facts[1].errno", "not an errno" },
	{ "\"facts\":[", "\"errno\":\"EPIPE\"", "\"errno\":\"\"",
	    "facts[1].errno", "not an errno" },
	{ "{", "\"mode\":\"run\"", "\"mode\":\"walk\"", "mode", NULL },
	{ "{", "\"granularity\":\"item\"", "\"granularity\":\"byte\"",
	    "granularity", NULL },
	{ "\"objects\":[", "\"type\":\"stream\"", "\"type\":\"seqpacket\"",
	    "objects[6].type", NULL },
	{ "\"workers\":[", "\"state\":\"S\"", "\"state\":\"SS\"",
	    "workers[0].state", "one letter" },
	{ "\"workers\":[", "\"state\":\"S\"", "\"state\":\"\"",
	    "workers[0].state", "one letter" },
	{ "\"objects\":[", "\"key\":\"0x00000102\"", "\"key\":\"0x102\"",
	    "objects[0].key", NULL },
	{ "\"objects\":[", "\"key\":\"0x00000102\"", "\"key\":\"0X00000102\"",
	    "objects[0].key", NULL },
	{ "\"objects\":[", "\"key\":\"0x00000102\"", "\"key\":\"0x0000010g\"",
	    "objects[0].key", NULL },
	{ "\"objects\":[", "\"key\":\"0x00000102\"", "\"key\":\"0x000001020\"",
	    "objects[0].key", NULL },
	{ "\"objects\":[", "\"key\":\"0x00000102\"", "\"key\":\"258\"",
	    "objects[0].key", NULL },
	{ "\"objects\":[", "\"perms\":\"0640\"", "\"perms\":\"640\"",
	    "objects[0].perms", NULL },
	{ "\"objects\":[", "\"perms\":\"0640\"", "\"perms\":\"0800\"",
	    "objects[0].perms", NULL },
	{ "\"objects\":[", "\"perms\":\"0640\"", "\"perms\":\"1640\"",
	    "objects[0].perms", NULL },
	{ "\"objects\":[", "\"perms\":\"0640\"", "\"perms\":\"00640\"",
	    "objects[0].perms", NULL },
	{ "\"objects\":[", "\"perms\":\"0640\"", "\"perms\":\"064\"",
	    "objects[0].perms", NULL },
	{ "\"objects\":[", "\"perms\":\"0640\"", "\"perms\":\" 640\"",
	    "objects[0].perms", NULL },
	{ "\"objects\":[", "\"perms\":\"0640\"", "\"perms\":\"+640\"",
	    "objects[0].perms", NULL },
	{ "\"objects\":[", "\"perms\":\"0640\"", "\"perms\":\"-640\"",
	    "objects[0].perms", NULL },
	{ "\"facts\":[", "\"errno\":\"EPIPE\"", "\"errno\":\"E32x\"",
	    "facts[1].errno", "not an errno" },
	{ "\"facts\":[", "\"errno\":\"EPIPE\"", "\"errno\":\"E4294967328\"",
	    "facts[1].errno", "not an errno" },
	{ "\"facts\":[", "\"errno\":\"EPIPE\"", "\"errno\":\"E-32\"",
	    "facts[1].errno", "not an errno" },
	/* Twice the same name where a name picks one: the writer would
	 * print a member twice, and the reader refuse its own line. */
	{ "\"objects\":[", "\"names\":[\"empty\",\"full\"",
	    "\"names\":[\"empty\",\"empty\"", "objects[1].names[1]",
	    "twice" },
	{ "\"buffers\":[", "\"buffers\":[", "\"buffers\":[{\"name\":"
	    "\"B1\",\"objects\":[],\"capacity\":0,\"count\":0,"
	    "\"slots\":[]},", "buffers[1].name", "two buffers with one name" },
};

START_TEST(values_out_of_their_set)
{
	const struct bad_value	*b = &bad_values[_i];
	char			*base, *line, what[128];

	base = rich_line();
	line = replace_after(base, b->anchor, b->from, b->to);
	snprintf(what, sizeof(what), "%s made %s", b->from, b->to);
	refused_at(line, b->path, b->why, what);
	free(line);
	free(base);
}
END_TEST

/*
 * One more than a frame holds, of each list (at the most, the full
 * frame of the round trips reads): the element appended to the list at
 * path, refused naming the list.
 */
static const struct too_many {
	const char	*path;		/* the list, in the full frame */
	const char	*element;	/* one more of it */
	const char	*why;
} too_many[] = {
	{ "objects", "{\"kind\":\"pipe\",\"ident\":\"one more\",\"queued\":0,"
	    "\"capacity\":0}", "more objects" },
	{ "buffers", "{\"name\":\"B9\",\"objects\":[],\"capacity\":0,"
	    "\"count\":0,\"slots\":[]}", "more buffers" },
	{ "workers", "{\"role\":\"producer\",\"id\":99,\"pid\":99,"
	    "\"alive\":true,\"phase\":\"\",\"call\":\"\",\"from\":null,"
	    "\"to\":null,\"state\":\"S\",\"wchan\":\"\",\"ready\":true,"
	    "\"blocked\":false,\"holds\":\"\",\"done\":0}", "more workers" },
	{ "facts", "{\"worker\":\"P1\",\"phase\":\"\",\"call\":\"\","
	    "\"outcome\":\"done\",\"ret\":0,\"errno\":null}", "more facts" },
	{ "buffers[0].slots", "{\"index\":64,\"full\":false}", "more slots" },
	{ "objects[3].mappers", "1", "more mappers" },
	{ "objects[1].names", "\"more\"", "more semaphores" },
	{ "buffers[0].objects", "\"shm 101\"", "more objects" },
};

START_TEST(one_more_than_a_frame_holds)
{
	const struct too_many	*t = &too_many[_i];
	const struct spot	*s;
	char			*base, *line, with[512];

	v_full_frame(&snap);
	snap.nworkers = WORKERS_MAX;
	v_workers(&back);
	memcpy(snap.workers, back.workers, sizeof(snap.workers));
	snap.selected = 0;
	for (; snap.nbuffers < SNAP_BUFFERS; snap.nbuffers++) {
		memset(&snap.buffers[snap.nbuffers], 0, sizeof(snap.buffers[0]));
		snap.buffers[snap.nbuffers].name[0] = 'B';
		snap.buffers[snap.nbuffers].name[1] = (char)('1' + snap.nbuffers);
	}
	snap.objects[1].u.sem.nsems = SNAP_SEMS;
	strlcpy(snap.objects[1].u.sem.names[3], "four",
	    sizeof(snap.objects[1].u.sem.names[3]));
	base = line_of(&snap);
	read_ok(base, strlen(base), &back, "the full frame");
	find_spots(base);
	s = spot_at(t->path);
	snprintf(with, sizeof(with), ",%s", t->element);
	line = splice(base, s->end - 1, s->end - 1, with);
	refused_at(line, t->path, t->why, t->path);
	free(line);
	free(base);
}
END_TEST

/* A message cut to the buffer given, still one line; none asked for. */
START_TEST(small_error_buffers)
{
	static const char	 text[] = "{\"step\":-1}";
	char			 small[12];

	memset(small, 'x', sizeof(small));
	ck_assert_int_eq(snapshot_json_read(text, strlen(text), &back, small,
	    sizeof(small)), -1);
	ck_assert_uint_eq(strlen(small), sizeof(small) - 1);
	ck_assert_str_eq(small, "\"step\": -1 ");
	memset(small, 'x', sizeof(small));
	ck_assert_int_eq(snapshot_json_read(text, strlen(text), &back, small,
	    1), -1);
	ck_assert_int_eq(small[0], '\0');
	ck_assert_int_eq(small[1], 'x');
	ck_assert_int_eq(snapshot_json_read(text, strlen(text), &back, NULL,
	    0), -1);
	ck_assert_int_eq(snapshot_json_read("{", 1, &back, NULL, 0), -1);
}
END_TEST

Suite *
suite_snapshot_read(void)
{
	Suite	*s = suite_create("snapshot_read");
	TCase	*tc;
	int	 n;

	tc = tcase_create("round_trip");
	tcase_add_loop_test(tc, variation_round_trip, 0,
	    sizeof(variations) / sizeof(variations[0]));
	tcase_add_test(tc, read_into_a_used_snapshot);
	tcase_add_test(tc, fields_land_where_they_belong);
	tcase_add_test(tc, code_line_out_of_its_loop);
	tcase_add_loop_test(tc, each_kind_alone, 0, OBJ_NKINDS);
	suite_add_tcase(s, tc);

	tc = tcase_create("real_lines");
	tcase_add_loop_test(tc, real_line_reads_back_as_is, 0,
	    (int)unit_nreal_lines);
	tcase_add_loop_test(tc, real_line_in_white_space, 0,
	    (int)unit_nreal_lines);
	tcase_add_loop_test(tc, real_line_cut_at_every_byte, 0,
	    (int)unit_nreal_lines);
	for (n = 0; transports[n] != NULL; n++)
		;
	tcase_add_loop_test(tc, live_run_reads_back, 0, n);
	tcase_set_timeout(tc, 20);
	suite_add_tcase(s, tc);

	tc = tcase_create("refused");
	tcase_add_test(tc, not_a_snapshot);
	tcase_add_test(tc, wrong_types_everywhere);
	tcase_add_test(tc, numbers_out_of_range_everywhere);
	tcase_add_test(tc, long_strings_everywhere);
	tcase_add_test(tc, each_member_missing);
	tcase_add_test(tc, unknown_members_everywhere);
	tcase_add_test(tc, invalid_utf8_refused);
	tcase_add_loop_test(tc, strings_at_their_limit, 0,
	    sizeof(fields) / sizeof(fields[0]));
	tcase_add_loop_test(tc, values_out_of_their_set, 0,
	    sizeof(bad_values) / sizeof(bad_values[0]));
	tcase_add_loop_test(tc, one_more_than_a_frame_holds, 0,
	    sizeof(too_many) / sizeof(too_many[0]));
	tcase_add_test(tc, small_error_buffers);
	tcase_set_timeout(tc, 20);
	suite_add_tcase(s, tc);
	return (s);
}
