/*
 * A JSON line back into a snapshot: what snapshot_json_write() wrote,
 * read strictly (json_read.h), every value checked for its type and
 * range. Members this version does not know are skipped, so a file from
 * a newer ipcscope still reads; "buffer" and "kernel", which repeat the
 * first buffer and the first object of each kind, are not read.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/board.h"
#include "ipcscope/json_read.h"
#include "ipcscope/snapshot.h"
#include "ipcscope/verdict.h"

#define LINE_MAX_BYTES	(1 << 20)	/* far more than any snapshot */

struct rd {
	char	*err;
	size_t	 errlen;
};

/* A small helper family: each returns 0, or -1 with rd->err set. */
static int
get_int(struct rd *r, const struct json_value *o, const char *k,
    long long min, long long max, long long *v)
{
	return (json_get_int(o, k, min, max, v, r->err, r->errlen));
}

static int
opt_int(struct rd *r, const struct json_value *o, const char *k,
    long long min, long long max, long long *v, long long dflt)
{
	if (json_get(o, k) == NULL) {
		*v = dflt;
		return (0);
	}
	return (get_int(r, o, k, min, max, v));
}

static int
get_str(struct rd *r, const struct json_value *o, const char *k, char *buf,
    size_t len)
{
	return (json_get_str(o, k, buf, len, r->err, r->errlen));
}

static int
opt_str(struct rd *r, const struct json_value *o, const char *k, char *buf,
    size_t len)
{
	buf[0] = '\0';
	return (json_get(o, k) == NULL ? 0 : get_str(r, o, k, buf, len));
}

static int
get_bool(struct rd *r, const struct json_value *o, const char *k, bool *v)
{
	return (json_get_bool(o, k, v, r->err, r->errlen));
}

static int
fail(struct rd *r, const struct json_value *v, const char *what)
{
	char	path[128];

	json_path(v, path, sizeof(path));
	snprintf(r->err, r->errlen, "\"%s\": %s", path, what);
	return (-1);
}

/* "0x%08x" as the writer puts keys. */
static int
get_key(struct rd *r, const struct json_value *o, unsigned *key)
{
	char		 buf[16], *end;
	unsigned long	 v;

	if (get_str(r, o, "key", buf, sizeof(buf)) == -1)
		return (-1);
	v = strtoul(buf, &end, 16);
	if (strncmp(buf, "0x", 2) != 0 || strlen(buf) != 10 || *end != '\0')
		return (fail(r, json_get(o, "key"), "a key is written 0x%08x"));
	*key = (unsigned)v;
	return (0);
}

/* "0600" as the writer puts modes. */
static int
get_perms(struct rd *r, const struct json_value *o, unsigned *mode)
{
	char		 buf[8], *end;
	unsigned long	 v;

	if (get_str(r, o, "perms", buf, sizeof(buf)) == -1)
		return (-1);
	v = strtoul(buf, &end, 8);
	/* strtoul alone would take " 640", "+640". */
	if (strlen(buf) != 4 || strspn(buf, "01234567") != 4 ||
	    *end != '\0' || v > 0777)
		return (fail(r, json_get(o, "perms"), "perms are four octal "
		    "digits"));
	*mode = (unsigned)v;
	return (0);
}

#define ID_MAX	INT_MAX
#define PID_MAX	INT_MAX

static int
read_shm(struct rd *r, const struct json_value *o, struct snap_shm *k)
{
	long long	v[9];
	int		i = 0;

	if (get_int(r, o, "id", 0, ID_MAX, &v[i++]) == -1 ||
	    get_key(r, o, &k->key) == -1 || get_perms(r, o, &k->mode) == -1 ||
	    get_int(r, o, "size", 0, LLONG_MAX, &v[i++]) == -1 ||
	    get_int(r, o, "nattch", 0, INT_MAX, &v[i++]) == -1 ||
	    get_int(r, o, "viewer_attached", 0, INT_MAX, &v[i++]) == -1 ||
	    get_int(r, o, "cpid", 0, PID_MAX, &v[i++]) == -1 ||
	    get_int(r, o, "lpid", 0, PID_MAX, &v[i++]) == -1 ||
	    get_int(r, o, "atime", 0, LLONG_MAX, &v[i++]) == -1 ||
	    get_int(r, o, "dtime", 0, LLONG_MAX, &v[i++]) == -1 ||
	    get_int(r, o, "ctime", 0, LLONG_MAX, &v[i++]) == -1 ||
	    get_bool(r, o, "dest", &k->dest) == -1)
		return (-1);
	k->id = (int)v[0];
	k->size = (size_t)v[1];
	k->nattch = (int)v[2];
	k->viewer_attached = (int)v[3];
	k->cpid = (pid_t)v[4];
	k->lpid = (pid_t)v[5];
	k->atime = (time_t)v[6];
	k->dtime = (time_t)v[7];
	k->ctime = (time_t)v[8];
	return (0);
}

/* {"empty": 4, ...}: one number per semaphore, by the names read. */
static int
sem_map(struct rd *r, const struct json_value *o, const char *key,
    const struct snap_sem *m, int *out, long long min)
{
	const struct json_value	*map;
	long long		 v;
	int			 i;

	if (json_get_obj(o, key, &map, r->err, r->errlen) == -1)
		return (-1);
	for (i = 0; i < m->nsems; i++) {
		if (get_int(r, map, m->names[i], min, INT_MAX, &v) == -1)
			return (-1);
		out[i] = (int)v;
	}
	return (0);
}

static int
read_sem(struct rd *r, const struct json_value *o, struct snap_sem *m)
{
	const struct json_value	*names, *n;
	long long		 v;
	int			 pids[SNAP_SEMS], i;

	if (get_bool(r, o, "posix", &m->posix) == -1 ||
	    json_get_arr(o, "names", &names, r->err, r->errlen) == -1)
		return (-1);
	if (json_count(names) > SNAP_SEMS)
		return (fail(r, names, "more semaphores than a set shows"));
	m->nsems = 0;
	for (n = json_first(names); n != NULL; n = json_next(n)) {
		if (json_as_str(n, m->names[m->nsems], sizeof(m->names[0]),
		    r->err, r->errlen) == -1)
			return (-1);
		/* A name is a member of the maps: twice, and the writer
		 * would put that member twice, which no reader takes. */
		for (i = 0; i < m->nsems; i++)
			if (strcmp(m->names[i], m->names[m->nsems]) == 0)
				return (fail(r, n, "a semaphore named twice"));
		m->nsems++;
	}
	if (!m->posix) {
		if (get_int(r, o, "id", 0, ID_MAX, &v) == -1 ||
		    get_key(r, o, &m->key) == -1 ||
		    get_perms(r, o, &m->mode) == -1)
			return (-1);
		m->id = (int)v;
		if (get_int(r, o, "nsems", 0, SNAP_SEMS, &v) == -1)
			return (-1);
		if (v != m->nsems)
			return (fail(r, json_get(o, "nsems"), "nsems is not the "
			    "number of names"));
	}
	if (sem_map(r, o, "values", m, m->values, -1) == -1 ||
	    sem_map(r, o, "waiting", m, m->ncnt, 0) == -1)
		return (-1);
	if (m->posix)
		return (0);
	if (sem_map(r, o, "zcnt", m, m->zcnt, 0) == -1 ||
	    sem_map(r, o, "pids", m, pids, 0) == -1 ||
	    get_int(r, o, "otime", 0, LLONG_MAX, &v) == -1)
		return (-1);
	m->otime = (time_t)v;
	if (get_int(r, o, "ctime", 0, LLONG_MAX, &v) == -1)
		return (-1);
	m->ctime = (time_t)v;
	for (i = 0; i < m->nsems; i++)
		m->pid[i] = pids[i];
	return (0);
}

static int
read_msq(struct rd *r, const struct json_value *o, struct snap_msq *q)
{
	long long	v[9];
	int		i = 0;

	if (get_int(r, o, "id", 0, ID_MAX, &v[i++]) == -1 ||
	    get_key(r, o, &q->key) == -1 || get_perms(r, o, &q->mode) == -1 ||
	    get_int(r, o, "qnum", 0, LLONG_MAX, &v[i++]) == -1 ||
	    get_int(r, o, "cbytes", 0, LLONG_MAX, &v[i++]) == -1 ||
	    get_int(r, o, "qbytes", 0, LLONG_MAX, &v[i++]) == -1 ||
	    get_int(r, o, "lspid", 0, PID_MAX, &v[i++]) == -1 ||
	    get_int(r, o, "lrpid", 0, PID_MAX, &v[i++]) == -1 ||
	    get_int(r, o, "stime", 0, LLONG_MAX, &v[i++]) == -1 ||
	    get_int(r, o, "rtime", 0, LLONG_MAX, &v[i++]) == -1 ||
	    get_int(r, o, "ctime", 0, LLONG_MAX, &v[i++]) == -1)
		return (-1);
	q->id = (int)v[0];
	q->qnum = (unsigned long)v[1];
	q->cbytes = (unsigned long)v[2];
	q->qbytes = (unsigned long)v[3];
	q->lspid = (pid_t)v[4];
	q->lrpid = (pid_t)v[5];
	q->stime = (time_t)v[6];
	q->rtime = (time_t)v[7];
	q->ctime = (time_t)v[8];
	return (0);
}

static int
read_pshm(struct rd *r, const struct json_value *o, struct snap_pshm *k)
{
	const struct json_value	*a, *n;
	long long		 v;

	if (get_str(r, o, "name", k->name, sizeof(k->name)) == -1 ||
	    get_int(r, o, "size", 0, LLONG_MAX, &v) == -1 ||
	    json_get_arr(o, "mappers", &a, r->err, r->errlen) == -1)
		return (-1);
	k->size = (size_t)v;
	if (json_count(a) > WORKERS_MAX + 1)
		return (fail(r, a, "more mappers than a run has processes"));
	for (n = json_first(a); n != NULL; n = json_next(n)) {
		if (json_as_int(n, 0, PID_MAX, &v, r->err, r->errlen) == -1)
			return (-1);
		k->mappers[k->nmappers++] = (pid_t)v;
	}
	return (0);
}

static int
read_mq(struct rd *r, const struct json_value *o, struct snap_mq *q)
{
	const struct json_value	*w;
	long long		 v[5];

	if (get_str(r, o, "name", q->name, sizeof(q->name)) == -1 ||
	    get_int(r, o, "curmsgs", 0, LONG_MAX, &v[0]) == -1 ||
	    get_int(r, o, "maxmsg", 0, LONG_MAX, &v[1]) == -1 ||
	    get_int(r, o, "msgsize", 0, LONG_MAX, &v[2]) == -1 ||
	    json_get_obj(o, "waiting", &w, r->err, r->errlen) == -1 ||
	    get_int(r, w, "send", 0, INT_MAX, &v[3]) == -1 ||
	    get_int(r, w, "receive", 0, INT_MAX, &v[4]) == -1)
		return (-1);
	q->curmsgs = (long)v[0];
	q->maxmsg = (long)v[1];
	q->msgsize = (long)v[2];
	q->waiting_send = (int)v[3];
	q->waiting_receive = (int)v[4];
	return (0);
}

static int
read_pipe(struct rd *r, const struct json_value *o, struct snap_pipe *k)
{
	long long	q, c;

	if (opt_str(r, o, "path", k->path, sizeof(k->path)) == -1 ||
	    get_int(r, o, "queued", 0, INT_MAX, &q) == -1 ||
	    get_int(r, o, "capacity", 0, INT_MAX, &c) == -1)
		return (-1);
	k->queued = (int)q;
	k->capacity = (int)c;
	return (0);
}

static int
read_sock(struct rd *r, const struct json_value *o, struct snap_sock *k)
{
	char		type[8];
	long long	v[4];

	if (get_str(r, o, "type", type, sizeof(type)) == -1)
		return (-1);
	if (strcmp(type, "stream") != 0 && strcmp(type, "dgram") != 0)
		return (fail(r, json_get(o, "type"), "a socket is a stream or "
		    "a dgram"));
	k->stream = strcmp(type, "stream") == 0;
	if (get_int(r, o, "inq", 0, INT_MAX, &v[0]) == -1 ||
	    get_int(r, o, "outq", 0, INT_MAX, &v[1]) == -1 ||
	    get_int(r, o, "sndbuf", 0, INT_MAX, &v[2]) == -1 ||
	    get_int(r, o, "rcvbuf", 0, INT_MAX, &v[3]) == -1)
		return (-1);
	k->inq = (int)v[0];
	k->outq = (int)v[1];
	k->sndbuf = (int)v[2];
	k->rcvbuf = (int)v[3];
	return (0);
}

static int
read_object(struct rd *r, const struct json_value *o, struct snapshot *s)
{
	struct snap_object	*ob;
	char			 kind[16], ident[SNAP_IDENT_MAX];
	int			 k;

	if (json_as_type(o, JSON_OBJECT, r->err, r->errlen) == -1 ||
	    get_str(r, o, "kind", kind, sizeof(kind)) == -1 ||
	    get_str(r, o, "ident", ident, sizeof(ident)) == -1)
		return (-1);
	if ((k = obj_kind_from_name(kind)) == -1)
		return (fail(r, json_get(o, "kind"), "not a kind of object"));
	if (snapshot_object(s, ident) != NULL)
		return (fail(r, json_get(o, "ident"), "two objects with one "
		    "ident"));
	if ((ob = snapshot_add_object(s, k, "%s", ident)) == NULL)
		return (fail(r, o, "more objects than a frame holds"));
	switch (k) {
	case OBJ_SHM:
		return (read_shm(r, o, &ob->u.shm));
	case OBJ_SEM:
		return (read_sem(r, o, &ob->u.sem));
	case OBJ_MSQ:
		return (read_msq(r, o, &ob->u.msq));
	case OBJ_PSHM:
		return (read_pshm(r, o, &ob->u.pshm));
	case OBJ_MQ:
		return (read_mq(r, o, &ob->u.mq));
	case OBJ_PIPE:
	case OBJ_FIFO:
		return (read_pipe(r, o, &ob->u.pipe));
	default:
		return (read_sock(r, o, &ob->u.sock));
	}
}

static int
read_slots(struct rd *r, const struct json_value *o, struct snap_buffer *b)
{
	const struct json_value	*a, *n;
	struct snap_slot	*sl;
	long long		 v;

	if (json_get_arr(o, "slots", &a, r->err, r->errlen) == -1)
		return (-1);
	if (json_count(a) > SLOTS_MAX)
		return (fail(r, a, "more slots than a buffer has"));
	for (n = json_first(a); n != NULL; n = json_next(n)) {
		sl = &b->slots[b->nslots];
		if (get_int(r, n, "index", b->nslots, b->nslots, &v) == -1 ||
		    get_bool(r, n, "full", &sl->full) == -1)
			return (-1);
		if (sl->full) {
			if (get_int(r, n, "seq", 0, UINT32_MAX, &v) == -1)
				return (-1);
			sl->seq = (uint32_t)v;
			if (get_int(r, n, "producer", 0, INT_MAX, &v) == -1)
				return (-1);
			sl->producer = (int)v;
			if (opt_int(r, n, "mtype", 0, INT_MAX, &v, 0) == -1)
				return (-1);
			sl->mtype = (int)v;
			if (opt_str(r, n, "via", sl->via, sizeof(sl->via)) == -1)
				return (-1);
		}
		b->nslots++;
	}
	return (0);
}

static int
read_buffer(struct rd *r, const struct json_value *o, struct snapshot *s)
{
	const struct json_value		*a, *n;
	const struct snap_object	*ob;
	struct snap_buffer		*b;
	char				 name[8], ident[SNAP_IDENT_MAX];
	long long			 v[4];
	int				 i;

	if (json_as_type(o, JSON_OBJECT, r->err, r->errlen) == -1 ||
	    get_str(r, o, "name", name, sizeof(name)) == -1)
		return (-1);
	/* A worker's from and to name a buffer: one name, one buffer. */
	for (i = 0; i < s->nbuffers; i++)
		if (strcmp(s->buffers[i].name, name) == 0)
			return (fail(r, json_get(o, "name"), "two buffers with "
			    "one name"));
	if ((b = snapshot_add_buffer(s, name)) == NULL)
		return (fail(r, o, "more buffers than a frame holds"));
	if (json_get_arr(o, "objects", &a, r->err, r->errlen) == -1)
		return (-1);
	if (json_count(a) > SNAP_OBJECTS)
		return (fail(r, a, "more objects than a frame holds"));
	for (n = json_first(a); n != NULL; n = json_next(n)) {
		if (json_as_str(n, ident, sizeof(ident), r->err,
		    r->errlen) == -1)
			return (-1);
		if ((ob = snapshot_object(s, ident)) == NULL)
			return (fail(r, n, "names no object of the frame"));
		snapshot_carries(s, b, ob);
	}
	b->has_inout = json_get(o, "in") != NULL;
	if (get_int(r, o, "capacity", 0, INT_MAX, &v[0]) == -1 ||
	    get_int(r, o, "count", 0, INT_MAX, &v[1]) == -1 ||
	    opt_int(r, o, "in", 0, SLOTS_MAX, &v[2], 0) == -1 ||
	    opt_int(r, o, "out", 0, SLOTS_MAX, &v[3], 0) == -1 ||
	    read_slots(r, o, b) == -1 ||
	    opt_str(r, o, "note", b->note, sizeof(b->note)) == -1 ||
	    opt_str(r, o, "transport", b->transport,
	    sizeof(b->transport)) == -1)
		return (-1);
	b->capacity = (int)v[0];
	b->count = (int)v[1];
	b->in = (int)v[2];
	b->out = (int)v[3];
	return (0);
}

/* A worker's "from" and "to": a buffer's name, or null. */
static int
buffer_ref(struct rd *r, const struct json_value *o, const char *k,
    const struct snapshot *s, int *idx)
{
	const struct json_value	*v = json_get(o, k);
	char			 name[8];
	int			 i;

	*idx = -1;
	if (v == NULL || json_typeof(v) == JSON_NULL)
		return (0);
	if (json_as_str(v, name, sizeof(name), r->err, r->errlen) == -1)
		return (-1);
	for (i = 0; i < s->nbuffers; i++)
		if (strcmp(s->buffers[i].name, name) == 0)
			*idx = i;
	return (*idx == -1 ? fail(r, v, "names no buffer of the frame") : 0);
}

/* A worker's "line": {"number": N, "text": "..."}, or null (or absent,
 * in a recording older than the code panel). */
static int
read_line(struct rd *r, const struct json_value *o, const struct snapshot *s,
    struct snap_worker *w)
{
	const struct json_value	*l = json_get(o, "line");
	long long		 v;
	int			 n;

	w->line = 0;
	w->line_text[0] = '\0';
	if (l == NULL || json_typeof(l) == JSON_NULL)
		return (0);
	if (!w->alive)
		return (fail(r, l, "a dead worker runs no line"));
	if (json_as_type(l, JSON_OBJECT, r->err, r->errlen) == -1 ||
	    get_int(r, l, "number", 1, CODE_LINES_MAX, &v) == -1 ||
	    get_str(r, l, "text", w->line_text, sizeof(w->line_text)) == -1)
		return (-1);
	n = w->role == ROLE_FILTER ? 0 : s->code.nlines[w->role];
	if (n > 0 && v > n)
		return (fail(r, json_get(l, "number"), "past the end of the "
		    "worker's loop"));
	w->line = (int)v;
	return (0);
}

static int
read_worker(struct rd *r, const struct json_value *o, struct snapshot *s)
{
	struct snap_worker	*w = &s->workers[s->nworkers];
	char			 role[12], st[4];
	long long		 v[4];

	memset(w, 0, sizeof(*w));
	if (json_as_type(o, JSON_OBJECT, r->err, r->errlen) == -1 ||
	    get_str(r, o, "role", role, sizeof(role)) == -1)
		return (-1);
	if (strcmp(role, "producer") == 0)
		w->role = ROLE_PRODUCER;
	else if (strcmp(role, "consumer") == 0)
		w->role = ROLE_CONSUMER;
	else if (strcmp(role, "filter") == 0)
		w->role = ROLE_FILTER;
	else
		return (fail(r, json_get(o, "role"), "a worker is a producer, "
		    "a consumer or a filter"));
	if (get_int(r, o, "id", 1, INT_MAX, &v[0]) == -1 ||
	    get_int(r, o, "pid", 0, PID_MAX, &v[1]) == -1 ||
	    get_bool(r, o, "alive", &w->alive) == -1 ||
	    get_str(r, o, "phase", w->phase, sizeof(w->phase)) == -1 ||
	    get_str(r, o, "call", w->call, sizeof(w->call)) == -1 ||
	    buffer_ref(r, o, "from", s, &w->from) == -1 ||
	    buffer_ref(r, o, "to", s, &w->to) == -1 ||
	    get_str(r, o, "state", st, sizeof(st)) == -1 ||
	    get_str(r, o, "wchan", w->wchan, sizeof(w->wchan)) == -1 ||
	    get_bool(r, o, "ready", &w->waiting_permit) == -1 ||
	    get_bool(r, o, "blocked", &w->blocked) == -1 ||
	    opt_str(r, o, "reason", w->reason, sizeof(w->reason)) == -1 ||
	    get_str(r, o, "holds", w->holds, sizeof(w->holds)) == -1 ||
	    opt_int(r, o, "carrying", 0, UINT32_MAX, &v[2], -1) == -1 ||
	    get_int(r, o, "done", 0, LLONG_MAX, &v[3]) == -1)
		return (-1);
	if (strlen(st) != 1)
		return (fail(r, json_get(o, "state"), "a state is one letter"));
	w->state = st[0];
	w->id = (int)v[0];
	w->pid = (pid_t)v[1];
	w->carrying = v[2] >= 0;
	w->item_seq = v[2] >= 0 ? (uint32_t)v[2] : 0;
	w->done = (unsigned long)v[3];
	snprintf(w->label, sizeof(w->label), "%c%d", w->role == ROLE_PRODUCER ?
	    'P' : 'C', w->id);
	if (opt_str(r, o, "via", w->via, sizeof(w->via)) == -1 ||
	    opt_str(r, o, "stage", w->stage, sizeof(w->stage)) == -1 ||
	    (w->stage[0] != '\0' && (get_str(r, o, "label", w->label,
	    sizeof(w->label)) == -1 || buffer_ref(r, o, "on", s,
	    &w->on) == -1)))
		return (-1);
	if (opt_int(r, o, "killed_by", 1, 64, &v[0], 0) == -1)
		return (-1);
	w->exit_signal = (int)v[0];
	w->syscall = -1;
	if (read_line(r, o, s, w) == -1)
		return (-1);
	s->nworkers++;
	return (0);
}

static int
read_fact(struct rd *r, const struct json_value *o, struct snapshot *s)
{
	struct snap_fact	*f = &s->facts[s->nfacts];
	const struct json_value	*e;
	char			 outcome[16], err[32];
	long long		 v;

	memset(f, 0, sizeof(*f));
	if (json_as_type(o, JSON_OBJECT, r->err, r->errlen) == -1 ||
	    get_str(r, o, "worker", f->worker, sizeof(f->worker)) == -1 ||
	    get_str(r, o, "phase", f->phase, sizeof(f->phase)) == -1 ||
	    get_str(r, o, "call", f->call, sizeof(f->call)) == -1 ||
	    get_str(r, o, "outcome", outcome, sizeof(outcome)) == -1)
		return (-1);
	if (json_get(o, "woken") != NULL &&
	    get_bool(r, o, "woken", &f->woken) == -1)
		return (-1);
	if ((f->outcome = fact_outcome_from_name(outcome)) == -1)
		return (fail(r, json_get(o, "outcome"), "not an outcome"));
	if (opt_int(r, o, "ret", LONG_MIN, LONG_MAX, &v, 0) == -1)
		return (-1);
	f->ret = (long)v;
	if ((e = json_get(o, "errno")) != NULL && json_typeof(e) != JSON_NULL) {
		if (json_as_str(e, err, sizeof(err), r->err, r->errlen) == -1)
			return (-1);
		if ((f->err = errno_from_name(err)) == 0)
			return (fail(r, e, "not an errno name"));
	}
	if (opt_int(r, o, "slot", -1, INT_MAX, &v, -1) == -1)
		return (-1);
	f->slot = (int)v;
	if (opt_int(r, o, "item", 0, UINT32_MAX, &v, 0) == -1)
		return (-1);
	f->item = (uint32_t)v;
	if (opt_int(r, o, "other", 0, UINT32_MAX, &v, 0) == -1)
		return (-1);
	f->other = (uint32_t)v;
	if (opt_int(r, o, "got", 0, LONG_MAX, &v, 0) == -1)
		return (-1);
	f->got = (long)v;
	if (opt_int(r, o, "want", 0, LONG_MAX, &v, 0) == -1)
		return (-1);
	f->want = (long)v;
	s->nfacts++;
	return (0);
}

/* "code": {"producer": [lines], "consumer": [lines]}; absent in a
 * recording older than the code panel. */
static int
read_code(struct rd *r, const struct json_value *o, struct snap_code *c)
{
	const struct json_value	*code, *a, *n;
	int			 role;

	memset(c, 0, sizeof(*c));
	if (json_get(o, "code") == NULL)
		return (0);
	if (json_get_obj(o, "code", &code, r->err, r->errlen) == -1)
		return (-1);
	for (role = ROLE_PRODUCER; role <= ROLE_CONSUMER; role++) {
		if (json_get_arr(code, role_name(role), &a, r->err,
		    r->errlen) == -1)
			return (-1);
		if (json_count(a) > CODE_LINES_MAX)
			return (fail(r, a, "more lines than a loop has"));
		for (n = json_first(a); n != NULL; n = json_next(n))
			if (json_as_str(n, c->lines[role][c->nlines[role]++],
			    CODE_TEXT_MAX, r->err, r->errlen) == -1)
				return (-1);
	}
	return (0);
}

/* Each element of the array k of o, read by fn; at most max of them. */
static int
each(struct rd *r, const struct json_value *o, const char *k, size_t max,
    const char *what, int (*fn)(struct rd *, const struct json_value *,
    struct snapshot *), struct snapshot *s)
{
	const struct json_value	*a, *n;

	if (json_get_arr(o, k, &a, r->err, r->errlen) == -1)
		return (-1);
	if (json_count(a) > max)
		return (fail(r, a, what));
	for (n = json_first(a); n != NULL; n = json_next(n))
		if (fn(r, n, s) == -1)
			return (-1);
	return (0);
}

static int	read_scenario(struct rd *, const struct json_value *,
		    struct snapshot *);

static int
read_top(struct rd *r, const struct json_value *o, struct snapshot *s)
{
	const struct json_value	*a, *c;
	char			 mode[8], grain[8];
	long long		 v[8];

	if (get_int(r, o, "step", 0, LLONG_MAX, &v[0]) == -1 ||
	    get_str(r, o, "key", s->key, sizeof(s->key)) == -1 ||
	    opt_str(r, o, "graph", s->graph, sizeof(s->graph)) == -1 ||
	    get_str(r, o, "transport", s->transport, sizeof(s->transport)) ==
	    -1 || opt_str(r, o, "title", s->title, sizeof(s->title)) == -1 ||
	    opt_int(r, o, "ms", 0, LLONG_MAX, &s->at_ms, -1) == -1 ||
	    get_str(r, o, "mode", mode, sizeof(mode)) == -1 ||
	    get_str(r, o, "granularity", grain, sizeof(grain)) == -1 ||
	    opt_int(r, o, "speed_ms", 0, INT_MAX, &v[1], 0) == -1 ||
	    opt_int(r, o, "cspeed_ms", 0, INT_MAX, &v[2], 0) == -1 ||
	    get_int(r, o, "produced", 0, LLONG_MAX, &v[3]) == -1 ||
	    get_int(r, o, "consumed", 0, LLONG_MAX, &v[4]) == -1 ||
	    json_get_obj(o, "audit", &a, r->err, r->errlen) == -1)
		return (-1);
	if (strcmp(mode, "run") != 0 && strcmp(mode, "step") != 0)
		return (fail(r, json_get(o, "mode"), "the mode is run or step"));
	if (strcmp(grain, "call") != 0 && strcmp(grain, "item") != 0)
		return (fail(r, json_get(o, "granularity"), "the granularity is "
		    "call or item"));
	s->step = (unsigned long)v[0];
	s->mode = strcmp(mode, "run") == 0 ? MODE_RUN : MODE_STEP;
	s->granularity = strcmp(grain, "item") == 0 ? GRAIN_ITEM : GRAIN_CALL;
	s->speed_ms = (int)v[1];
	s->cspeed_ms = (int)v[2];
	s->produced = (unsigned long)v[3];
	s->consumed = (unsigned long)v[4];
	if (get_int(r, a, "taken", 0, LLONG_MAX, &v[0]) == -1 ||
	    get_int(r, a, "duplicates", 0, LLONG_MAX, &v[1]) == -1 ||
	    get_int(r, a, "out_of_order", 0, LLONG_MAX, &v[2]) == -1 ||
	    get_int(r, a, "unknown", 0, LLONG_MAX, &v[3]) == -1 ||
	    /* 0 in a recording from before lost was counted */
	    opt_int(r, a, "lost", 0, LLONG_MAX, &v[4], 0) == -1 ||
	    opt_int(r, a, "misrouted", 0, LLONG_MAX, &v[5], 0) == -1)
		return (-1);
	s->audit.misrouted = (unsigned long)v[5];
	s->audit.lost = (unsigned long)v[4];
	s->audit.taken = (unsigned long)v[0];
	s->audit.duplicates = (unsigned long)v[1];
	s->audit.out_of_order = (unsigned long)v[2];
	s->audit.unknown = (unsigned long)v[3];
	if (opt_str(r, o, "notes", s->notes, sizeof(s->notes)) == -1 ||
	    get_str(r, o, "event", s->event, sizeof(s->event)) == -1)
		return (-1);
	if ((c = json_get(o, "scenario")) != NULL && read_scenario(r, c,
	    s) == -1)
		return (-1);
	if ((c = json_get(o, "closing")) != NULL) {
		if (json_as_type(c, JSON_OBJECT, r->err, r->errlen) == -1 ||
		    get_str(r, c, "reason", s->closing.reason,
		    sizeof(s->closing.reason)) == -1 ||
		    opt_int(r, c, "signal", 0, 64, &v[0], 0) == -1 ||
		    get_int(r, c, "status", 0, 255, &v[1]) == -1)
			return (-1);
		s->closing.signal = (int)v[0];
		s->closing.status = (int)v[1];
	}
	return (0);
}

/* A scenario's place (--scenario), when the run played one. */
static int
read_scenario(struct rd *r, const struct json_value *c, struct snapshot *s)
{
	long long	v[3];

	if (json_as_type(c, JSON_OBJECT, r->err, r->errlen) == -1 ||
	    get_str(r, c, "name", s->scenario.name,
	    sizeof(s->scenario.name)) == -1 ||
	    get_str(r, c, "title", s->scenario.title,
	    sizeof(s->scenario.title)) == -1 ||
	    get_str(r, c, "caption", s->scenario.caption,
	    sizeof(s->scenario.caption)) == -1 ||
	    get_int(r, c, "mark", 0, 1024, &v[0]) == -1 ||
	    get_int(r, c, "marks", 0, 1024, &v[1]) == -1 ||
	    get_int(r, c, "line", 0, INT_MAX, &v[2]) == -1 ||
	    get_bool(r, c, "over", &s->scenario.over) == -1)
		return (-1);
	s->scenario.mark = (int)v[0];
	s->scenario.marks = (int)v[1];
	s->scenario.line = (int)v[2];
	return (0);
}

/*
 * "state" is derived from the rest (verdict.h), so the snapshot has no
 * field for it: a line that has it must say what the rest says. Older
 * lines do not have it.
 */
static int
read_state(struct rd *r, const struct json_value *o,
    const struct snapshot *s)
{
	char	state[16], why[64];

	if (json_get(o, "state") == NULL)
		return (0);
	if (get_str(r, o, "state", state, sizeof(state)) == -1)
		return (-1);
	if (strcmp(state, verdict_name(verdict_of(s))) == 0)
		return (0);
	snprintf(why, sizeof(why), "the line's buffer and workers say %s",
	    verdict_name(verdict_of(s)));
	return (fail(r, json_get(o, "state"), why));
}

int
snapshot_json_read(const char *line, size_t len, struct snapshot *s,
    char *err, size_t errlen)
{
	struct json_doc		*doc;
	const struct json_value	*o;
	struct rd		 r = { err, errlen };
	long long		 v;
	int			 rc = -1;

	snapshot_clear(s);
	if ((doc = json_parse(line, len, LINE_MAX_BYTES, err, errlen)) == NULL)
		return (-1);
	o = json_root(doc);
	if (json_as_type(o, JSON_OBJECT, err, errlen) == -1 ||
	    read_top(&r, o, s) == -1 ||
	    each(&r, o, "objects", SNAP_OBJECTS, "more objects than a frame "
	    "holds", read_object, s) == -1 ||
	    each(&r, o, "buffers", SNAP_BUFFERS, "more buffers than a frame "
	    "holds", read_buffer, s) == -1 ||
	    read_code(&r, o, &s->code) == -1 ||
	    each(&r, o, "workers", WORKERS_MAX, "more workers than a run has",
	    read_worker, s) == -1 ||
	    opt_int(&r, o, "selected", -1, s->nworkers - 1, &v, -1) == -1)
		goto out;
	s->selected = (int)v;
	if (json_get(o, "facts") != NULL && each(&r, o, "facts", SNAP_FACTS,
	    "more facts than a step has", read_fact, s) == -1)
		goto out;
	if (read_state(&r, o, s) == -1)
		goto out;
	rc = 0;
out:
	json_doc_free(doc);
	return (rc);
}
