/* The headless contract: one snapshot, one JSON object, one line. */
#include <stdio.h>

#include "ipcscope/board.h"
#include "ipcscope/json.h"
#include "ipcscope/snapshot.h"

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

static void
write_buffer(struct json *j, const struct snap_buffer *b)
{
	int	i;

	json_obj(j, "buffer");
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
		}
		json_obj_end(j);
	}
	json_arr_end(j);
	if (b->note[0] != '\0')
		json_str(j, "note", b->note);
	json_obj_end(j);
}

static void
write_sem(struct json *j, const struct snap_sem *m)
{
	int	i;

	json_obj(j, "sem");
	if (!m->posix) {
		json_int(j, "id", m->id);
		key_field(j, "key", m->key);
		perms_field(j, m->mode);
		json_int(j, "nsems", m->nsems);
	}
	json_obj(j, "values");
	for (i = 0; i < m->nsems; i++)
		json_int(j, m->names[i], m->values[i]);
	json_obj_end(j);
	json_obj(j, "waiting");
	for (i = 0; i < m->nsems; i++)
		json_int(j, m->names[i], m->ncnt[i]);
	json_obj_end(j);
	if (!m->posix) {
		json_obj(j, "zcnt");
		for (i = 0; i < m->nsems; i++)
			json_int(j, m->names[i], m->zcnt[i]);
		json_obj_end(j);
		json_obj(j, "pids");
		for (i = 0; i < m->nsems; i++)
			json_int(j, m->names[i], m->pid[i]);
		json_obj_end(j);
		json_int(j, "otime", (long long)m->otime);
		json_int(j, "ctime", (long long)m->ctime);
	}
	json_obj_end(j);
}

static void
write_kernel(struct json *j, const struct snapshot *s)
{
	const struct snap_shm	*shm = &s->kernel.shm;
	const struct snap_msq	*q = &s->kernel.msq;
	const struct snap_pshm	*p = &s->kernel.pshm;
	const struct snap_mq	*mq = &s->kernel.mq;
	const struct snap_pipe	*pp = &s->kernel.pipe;
	const struct snap_sock	*so = &s->kernel.sock;
	int			 i;

	json_obj(j, "kernel");
	if (shm->present) {
		json_obj(j, "shm");
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
		json_obj_end(j);
	}
	if (s->kernel.sem.present)
		write_sem(j, &s->kernel.sem);
	if (q->present) {
		json_obj(j, "msq");
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
		json_obj_end(j);
	}
	if (p->present) {
		json_obj(j, "posix_shm");
		json_str(j, "name", p->name);
		json_int(j, "size", (long long)p->size);
		json_arr(j, "mappers");
		for (i = 0; i < p->nmappers; i++)
			json_int(j, NULL, p->mappers[i]);
		json_arr_end(j);
		json_obj_end(j);
	}
	if (mq->present) {
		json_obj(j, "mq");
		json_str(j, "name", mq->name);
		json_int(j, "curmsgs", mq->curmsgs);
		json_int(j, "maxmsg", mq->maxmsg);
		json_int(j, "msgsize", mq->msgsize);
		json_obj(j, "waiting");
		json_int(j, "send", mq->waiting_send);
		json_int(j, "receive", mq->waiting_receive);
		json_obj_end(j);
		json_obj_end(j);
	}
	if (pp->present) {
		json_obj(j, "pipe");
		if (pp->path[0] != '\0')
			json_str(j, "path", pp->path);
		json_int(j, "queued", pp->queued);
		json_int(j, "capacity", pp->capacity);
		json_obj_end(j);
	}
	if (so->present) {
		json_obj(j, "socket");
		json_str(j, "type", so->stream ? "stream" : "dgram");
		json_int(j, "inq", so->inq);
		json_int(j, "outq", so->outq);
		json_int(j, "sndbuf", so->sndbuf);
		json_int(j, "rcvbuf", so->rcvbuf);
		json_obj_end(j);
	}
	json_obj_end(j);
}

static void
write_worker(struct json *j, const struct snap_worker *w)
{
	char	st[2] = { w->state, '\0' };

	json_obj(j, NULL);
	json_str(j, "role", role_name(w->role));
	json_int(j, "id", w->id);
	json_int(j, "pid", w->pid);
	json_bool(j, "alive", w->alive);
	json_str(j, "phase", w->phase);
	json_str(j, "call", w->call);
	json_str(j, "state", st);
	json_str(j, "wchan", w->wchan);
	json_bool(j, "ready", w->waiting_permit);
	json_bool(j, "blocked", w->blocked);
	if (w->blocked)
		json_str(j, "reason", w->reason);
	json_str(j, "holds", w->holds);
	if (w->carrying)
		json_int(j, "carrying", w->item_seq);
	json_int(j, "done", (long long)w->done);
	if (!w->alive && w->exit_signal != 0)
		json_int(j, "killed_by", w->exit_signal);
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
	json_str(&j, "mode", s->mode == MODE_RUN ? "run" : "step");
	json_str(&j, "granularity", s->granularity == GRAIN_ITEM ? "item" :
	    "call");
	json_int(&j, "produced", (long long)s->produced);
	json_int(&j, "consumed", (long long)s->consumed);
	json_obj(&j, "audit");
	json_int(&j, "taken", (long long)s->audit.taken);
	json_int(&j, "duplicates", (long long)s->audit.duplicates);
	json_int(&j, "out_of_order", (long long)s->audit.out_of_order);
	json_int(&j, "unknown", (long long)s->audit.unknown);
	json_obj_end(&j);
	write_buffer(&j, &s->buffer);
	write_kernel(&j, s);
	json_arr(&j, "workers");
	for (i = 0; i < s->nworkers; i++)
		write_worker(&j, &s->workers[i]);
	json_arr_end(&j);
	if (s->notes[0] != '\0')
		json_str(&j, "notes", s->notes);
	if (s->closing.reason != NULL) {
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
