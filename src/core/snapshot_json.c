/*
 * The headless contract: one snapshot, one JSON object, one line. The
 * fields of design.md keep their names (buffer, kernel); the model's own
 * lists (buffers, objects, facts) come beside them, and are what
 * snapshot_json_read() reads back.
 */
#include <stdio.h>
#include <string.h>

#include "ipcscope/board.h"
#include "ipcscope/json.h"
#include "ipcscope/snapshot.h"
#include "ipcscope/verdict.h"

static void
key_field(struct json *j, const char *name, unsigned key)
{
	char	buf[16];

	snprintf(buf, sizeof(buf), "0x%08x", key);
	json_str(j, name, buf);
}

static void
perms_field(struct json *j, unsigned mode)
{
	char	buf[8];

	snprintf(buf, sizeof(buf), "%04o", mode & 0777);
	json_str(j, "perms", buf);
}

/* The slots and positions, as the one buffer of design.md has them. */
static void
buffer_fields(struct json *j, const struct snap_buffer *b)
{
	int	i;

	json_int(j, "capacity", b->capacity);
	json_int(j, "count", b->count);
	if (b->has_inout) {
		json_int(j, "in", b->in);
		json_int(j, "out", b->out);
	}
	json_arr(j, "slots");
	for (i = 0; i < b->nslots; i++) {
		json_obj(j, NULL);
		json_int(j, "index", i);
		json_bool(j, "full", b->slots[i].full);
		if (b->slots[i].full) {
			json_int(j, "seq", b->slots[i].seq);
			json_int(j, "producer", b->slots[i].producer);
			if (b->slots[i].mtype != 0)
				json_int(j, "mtype", b->slots[i].mtype);
			if (b->slots[i].via[0] != '\0')
				json_str(j, "via", b->slots[i].via);
		}
		json_obj_end(j);
	}
	json_arr_end(j);
	if (b->note[0] != '\0')
		json_str(j, "note", b->note);
}

/* Per semaphore, by name: {"empty": 4, "full": 0, "mutex": 1}. */
static void
sem_map(struct json *j, const char *key, const struct snap_sem *m,
    const int *v)
{
	int	i;

	json_obj(j, key);
	for (i = 0; i < m->nsems && i < SNAP_SEMS; i++)
		json_int(j, m->names[i], v[i]);
	json_obj_end(j);
}

static void
sem_fields(struct json *j, const struct snap_sem *m, bool names)
{
	int	i, pids[SNAP_SEMS];

	if (names) {
		json_bool(j, "posix", m->posix);
		json_arr(j, "names");
		for (i = 0; i < m->nsems && i < SNAP_SEMS; i++)
			json_str(j, NULL, m->names[i]);
		json_arr_end(j);
	}
	if (!m->posix) {
		json_int(j, "id", m->id);
		key_field(j, "key", m->key);
		perms_field(j, m->mode);
		json_int(j, "nsems", m->nsems);
	}
	sem_map(j, "values", m, m->values);
	sem_map(j, "waiting", m, m->ncnt);
	if (m->posix)
		return;
	sem_map(j, "zcnt", m, m->zcnt);
	for (i = 0; i < SNAP_SEMS; i++)
		pids[i] = (int)m->pid[i];
	sem_map(j, "pids", m, pids);
	json_int(j, "otime", (long long)m->otime);
	json_int(j, "ctime", (long long)m->ctime);
}

/* An object's own fields, the same under "kernel" and in "objects". */
static void
object_fields(struct json *j, const struct snap_object *o, bool in_list)
{
	const struct snap_shm	*shm = &o->u.shm;
	const struct snap_msq	*q = &o->u.msq;
	const struct snap_pshm	*p = &o->u.pshm;
	const struct snap_mq	*mq = &o->u.mq;
	const struct snap_pipe	*pp = &o->u.pipe;
	const struct snap_sock	*so = &o->u.sock;
	int			 i;

	switch (o->kind) {
	case OBJ_SHM:
		json_int(j, "id", shm->id);
		key_field(j, "key", shm->key);
		perms_field(j, shm->mode);
		json_int(j, "size", (long long)shm->size);
		json_int(j, "nattch", shm->nattch);
		json_int(j, "viewer_attached", shm->viewer_attached);
		json_int(j, "cpid", shm->cpid);
		json_int(j, "lpid", shm->lpid);
		json_int(j, "atime", (long long)shm->atime);
		json_int(j, "dtime", (long long)shm->dtime);
		json_int(j, "ctime", (long long)shm->ctime);
		json_bool(j, "dest", shm->dest);
		break;
	case OBJ_SEM:
		sem_fields(j, &o->u.sem, in_list);
		break;
	case OBJ_MSQ:
		json_int(j, "id", q->id);
		key_field(j, "key", q->key);
		perms_field(j, q->mode);
		json_int(j, "qnum", (long long)q->qnum);
		json_int(j, "cbytes", (long long)q->cbytes);
		json_int(j, "qbytes", (long long)q->qbytes);
		json_int(j, "lspid", q->lspid);
		json_int(j, "lrpid", q->lrpid);
		json_int(j, "stime", (long long)q->stime);
		json_int(j, "rtime", (long long)q->rtime);
		json_int(j, "ctime", (long long)q->ctime);
		break;
	case OBJ_PSHM:
		json_str(j, "name", p->name);
		json_int(j, "size", (long long)p->size);
		json_arr(j, "mappers");
		for (i = 0; i < p->nmappers; i++)
			json_int(j, NULL, p->mappers[i]);
		json_arr_end(j);
		break;
	case OBJ_MQ:
		json_str(j, "name", mq->name);
		json_int(j, "curmsgs", mq->curmsgs);
		json_int(j, "maxmsg", mq->maxmsg);
		json_int(j, "msgsize", mq->msgsize);
		json_obj(j, "waiting");
		json_int(j, "send", mq->waiting_send);
		json_int(j, "receive", mq->waiting_receive);
		json_obj_end(j);
		break;
	case OBJ_PIPE:
	case OBJ_FIFO:
		if (pp->path[0] != '\0')
			json_str(j, "path", pp->path);
		json_int(j, "queued", pp->queued);
		json_int(j, "capacity", pp->capacity);
		break;
	case OBJ_SOCKET:
		json_str(j, "type", so->stream ? "stream" : "dgram");
		json_int(j, "inq", so->inq);
		json_int(j, "outq", so->outq);
		json_int(j, "sndbuf", so->sndbuf);
		json_int(j, "rcvbuf", so->rcvbuf);
		break;
	default:
		break;
	}
}

/* design.md's "kernel": the first object of each kind, under the name
 * the contract gives it (a FIFO is a "pipe" there). */
static void
write_kernel(struct json *j, const struct snapshot *s)
{
	static const struct {
		enum obj_kind	 kind;
		const char	*key;
	} order[] = {
		{ OBJ_SHM, "shm" }, { OBJ_SEM, "sem" }, { OBJ_MSQ, "msq" },
		{ OBJ_PSHM, "posix_shm" }, { OBJ_MQ, "mq" }, { OBJ_PIPE, "pipe" },
		{ OBJ_FIFO, "pipe" }, { OBJ_SOCKET, "socket" },
	};
	const struct snap_object	*o;
	size_t				 i;

	json_obj(j, "kernel");
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if ((o = snapshot_first(s, order[i].kind)) == NULL ||
		    (order[i].kind == OBJ_FIFO && snapshot_first(s, OBJ_PIPE)))
			continue;
		json_obj(j, order[i].key);
		object_fields(j, o, false);
		json_obj_end(j);
	}
	json_obj_end(j);
}

static void
write_objects(struct json *j, const struct snapshot *s)
{
	int	i;

	json_arr(j, "objects");
	for (i = 0; i < s->nobjects; i++) {
		json_obj(j, NULL);
		json_str(j, "kind", obj_kind_name(s->objects[i].kind));
		json_str(j, "ident", s->objects[i].ident);
		object_fields(j, &s->objects[i], true);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void
write_buffers(struct json *j, const struct snapshot *s)
{
	const struct snap_buffer	*b;
	int				 i, k;

	json_arr(j, "buffers");
	for (i = 0; i < s->nbuffers; i++) {
		b = &s->buffers[i];
		json_obj(j, NULL);
		json_str(j, "name", b->name);
		if (s->graph[0] != '\0')
			json_str(j, "transport", b->transport);
		json_arr(j, "objects");
		for (k = 0; k < b->nobjects; k++)
			if (b->objects[k] >= 0 && b->objects[k] < s->nobjects)
				json_str(j, NULL, s->objects[b->objects[k]].ident);
		json_arr_end(j);
		buffer_fields(j, b);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void
buffer_ref(struct json *j, const char *key, const struct snapshot *s, int b)
{
	if (b >= 0 && b < s->nbuffers)
		json_str(j, key, s->buffers[b].name);
	else
		json_null(j, key);
}

static void
write_worker(struct json *j, const struct snapshot *s,
    const struct snap_worker *w)
{
	char	st[2] = { w->state, '\0' };

	json_obj(j, NULL);
	json_str(j, "role", role_name(w->role));
	json_int(j, "id", w->id);
	if (w->stage[0] != '\0') {
		json_str(j, "stage", w->stage);
		json_str(j, "label", w->label);
		buffer_ref(j, "on", s, w->on);
	}
	json_int(j, "pid", w->pid);
	json_bool(j, "alive", w->alive);
	json_str(j, "phase", w->phase);
	json_str(j, "call", w->call);
	buffer_ref(j, "from", s, w->from);
	buffer_ref(j, "to", s, w->to);
	json_str(j, "state", st);
	json_str(j, "wchan", w->wchan);
	json_bool(j, "ready", w->waiting_permit);
	json_bool(j, "blocked", w->blocked);
	if (w->blocked)
		json_str(j, "reason", w->reason);
	json_str(j, "holds", w->holds);
	if (w->carrying)
		json_int(j, "carrying", w->item_seq);
	if (w->carrying && w->via[0] != '\0')
		json_str(j, "via", w->via);
	json_int(j, "done", (long long)w->done);
	if (!w->alive && w->exit_signal != 0)
		json_int(j, "killed_by", w->exit_signal);
	if (w->alive && w->line > 0) {
		json_obj(j, "line");
		json_int(j, "number", w->line);
		json_str(j, "text", w->line_text);
		json_obj_end(j);
	} else
		json_null(j, "line");
	json_obj_end(j);
}

/* The code panel's listing: each role's loop, a string per line. */
static void
write_code(struct json *j, const struct snap_code *c)
{
	int	r, i;

	json_obj(j, "code");
	for (r = ROLE_PRODUCER; r <= ROLE_CONSUMER; r++) {
		json_arr(j, role_name(r));
		for (i = 0; i < c->nlines[r]; i++)
			json_str(j, NULL, c->lines[r][i]);
		json_arr_end(j);
	}
	json_obj_end(j);
}

static void
write_fact(struct json *j, const struct snap_fact *f)
{
	json_obj(j, NULL);
	json_str(j, "worker", f->worker);
	if (f->woken)
		json_bool(j, "woken", true);
	json_str(j, "phase", f->phase);
	json_str(j, "call", f->call);
	json_str(j, "outcome", fact_outcome_name(f->outcome));
	if (f->outcome != FACT_ASLEEP)
		json_int(j, "ret", f->ret);
	if (f->err != 0)
		json_str(j, "errno", errno_name(f->err));
	else
		json_null(j, "errno");
	if (f->slot >= 0)
		json_int(j, "slot", f->slot);
	if (f->item != 0)
		json_int(j, "item", f->item);
	if (f->other != 0)
		json_int(j, "other", f->other);
	if (f->outcome == FACT_PARTIAL) {
		json_int(j, "got", f->got);
		json_int(j, "want", f->want);
	}
	json_obj_end(j);
}

void
snapshot_json_write(FILE *f, const struct snapshot *s)
{
	struct json	j;
	int		i;

	json_begin(&j, f);
	json_obj(&j, NULL);
	json_int(&j, "step", (long long)s->step);
	json_str(&j, "key", s->key);
	json_str(&j, "transport", s->transport);
	if (s->graph[0] != '\0')
		json_str(&j, "graph", s->graph);
	json_str(&j, "title", s->title);
	if (s->at_ms >= 0)
		json_int(&j, "ms", s->at_ms);
	json_str(&j, "mode", s->mode == MODE_RUN ? "run" : "step");
	json_str(&j, "granularity", s->granularity == GRAIN_ITEM ? "item" :
	    "call");
	json_int(&j, "speed_ms", s->speed_ms);
	json_int(&j, "cspeed_ms", s->cspeed_ms);
	json_int(&j, "produced", (long long)s->produced);
	json_int(&j, "consumed", (long long)s->consumed);
	json_obj(&j, "audit");
	json_int(&j, "taken", (long long)s->audit.taken);
	json_int(&j, "duplicates", (long long)s->audit.duplicates);
	json_int(&j, "out_of_order", (long long)s->audit.out_of_order);
	json_int(&j, "unknown", (long long)s->audit.unknown);
	json_int(&j, "lost", (long long)s->audit.lost);
	if (s->graph[0] != '\0')
		json_int(&j, "misrouted", (long long)s->audit.misrouted);
	json_obj_end(&j);
	/* Derived from the rest (verdict.h): a reader recomputes it. */
	json_str(&j, "state", verdict_name(verdict_of(s)));
	if (s->nbuffers > 0) {
		json_obj(&j, "buffer");
		buffer_fields(&j, &s->buffers[0]);
		json_obj_end(&j);
	}
	write_kernel(&j, s);
	write_buffers(&j, s);
	write_objects(&j, s);
	json_arr(&j, "workers");
	for (i = 0; i < s->nworkers; i++)
		write_worker(&j, s, &s->workers[i]);
	json_arr_end(&j);
	write_code(&j, &s->code);
	json_int(&j, "selected", s->selected);
	json_arr(&j, "facts");
	for (i = 0; i < s->nfacts; i++)
		write_fact(&j, &s->facts[i]);
	json_arr_end(&j);
	if (s->notes[0] != '\0')
		json_str(&j, "notes", s->notes);
	if (s->scenario.name[0] != '\0') {
		json_obj(&j, "scenario");
		json_str(&j, "name", s->scenario.name);
		json_str(&j, "title", s->scenario.title);
		json_str(&j, "caption", s->scenario.caption);
		json_int(&j, "mark", s->scenario.mark);
		json_int(&j, "marks", s->scenario.marks);
		json_int(&j, "line", s->scenario.line);
		json_bool(&j, "over", s->scenario.over);
		json_obj_end(&j);
	}
	if (s->closing.reason[0] != '\0') {
		json_obj(&j, "closing");
		json_str(&j, "reason", s->closing.reason);
		if (s->closing.signal != 0)
			json_int(&j, "signal", s->closing.signal);
		json_int(&j, "status", s->closing.status);
		json_obj_end(&j);
	}
	json_str(&j, "event", s->event);
	json_obj_end(&j);
	json_end(&j);
}
