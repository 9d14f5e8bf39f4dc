/*
 * Snapshots the suites share: the writer's tests (test_json.c) print this
 * one, the reader's (test_snapshot_read.c) read it back.
 */
#include <errno.h>
#include <string.h>

#include "ipcscope/board.h"
#include "ipcscope/snapshot.h"
#include "suites.h"

/*
 * A snapshot with every kind of object, each field a value of its own,
 * so that a field written from another, or under another name, shows.
 */
void
unit_fill_every_field(struct snapshot *sn)
{
	static const char	*names[] = { "empty", "full", "mutex" };
	struct snap_object	*o;
	struct snap_buffer	*b;
	struct snap_fact	*f;
	int			 i;

	snapshot_clear(sn);
	sn->step = 11;
	strlcpy(sn->key, "p", sizeof(sn->key));
	strlcpy(sn->transport, "sysv-shm", sizeof(sn->transport));
	strlcpy(sn->title, "System V", sizeof(sn->title));
	sn->at_ms = 1234;
	sn->mode = MODE_RUN;
	sn->granularity = GRAIN_ITEM;
	sn->speed_ms = 23;
	sn->cspeed_ms = 24;
	sn->produced = 12;
	sn->consumed = 13;
	sn->audit.taken = 14;
	sn->audit.duplicates = 15;
	sn->audit.out_of_order = 16;
	sn->audit.unknown = 17;
	sn->audit.lost = 1017;
	b = snapshot_add_buffer(sn, "B1");
	b->capacity = 3;
	b->count = 2;
	b->in = 1;
	b->out = 2;
	b->has_inout = true;
	b->nslots = 3;
	b->slots[0].full = true;
	b->slots[0].seq = 18;
	b->slots[0].producer = 19;
	b->slots[1].full = true;
	b->slots[1].seq = 20;
	b->slots[1].producer = 21;
	b->slots[1].mtype = 22;
	strlcpy(b->note, "peeked", sizeof(b->note));
	o = snapshot_add_object(sn, OBJ_SHM, "shm %d", 101);
	o->u.shm = (struct snap_shm){ .id = 101, .key = 0x102, .size = 103,
	    .mode = 0640, .nattch = 104, .viewer_attached = 105, .cpid = 106,
	    .lpid = 107, .atime = 108, .dtime = 109, .ctime = 110,
	    .dest = true };
	snapshot_carries(sn, b, o);
	o = snapshot_add_object(sn, OBJ_SEM, "sem %d", 201);
	o->u.sem.id = 201;
	o->u.sem.key = 0x202;
	o->u.sem.mode = 0600;
	o->u.sem.nsems = 3;
	for (i = 0; i < 3; i++) {
		strlcpy(o->u.sem.names[i], names[i], sizeof(o->u.sem.names[i]));
		o->u.sem.values[i] = 203 + i;
		o->u.sem.ncnt[i] = 206 + i;
		o->u.sem.zcnt[i] = 209 + i;
		o->u.sem.pid[i] = 212 + i;
	}
	o->u.sem.otime = 215;
	o->u.sem.ctime = 216;
	snapshot_carries(sn, b, o);
	o = snapshot_add_object(sn, OBJ_MSQ, "msq %d", 301);
	o->u.msq = (struct snap_msq){ .id = 301, .key = 0x302, .mode = 0600,
	    .qnum = 303, .cbytes = 304, .qbytes = 305, .lspid = 306,
	    .lrpid = 307, .stime = 308, .rtime = 309, .ctime = 310 };
	o = snapshot_add_object(sn, OBJ_PSHM, "/ipcscope.1.shm");
	strlcpy(o->u.pshm.name, "/ipcscope.1.shm", sizeof(o->u.pshm.name));
	o->u.pshm.size = 401;
	o->u.pshm.nmappers = 2;
	o->u.pshm.mappers[0] = 402;
	o->u.pshm.mappers[1] = 403;
	o = snapshot_add_object(sn, OBJ_MQ, "/ipcscope.1.mq");
	strlcpy(o->u.mq.name, "/ipcscope.1.mq", sizeof(o->u.mq.name));
	o->u.mq.curmsgs = 501;
	o->u.mq.maxmsg = 502;
	o->u.mq.msgsize = 503;
	o->u.mq.waiting_send = 504;
	o->u.mq.waiting_receive = 505;
	o = snapshot_add_object(sn, OBJ_FIFO, "/run/fifo");
	strlcpy(o->u.pipe.path, "/run/fifo", sizeof(o->u.pipe.path));
	o->u.pipe.queued = 601;
	o->u.pipe.capacity = 602;
	o = snapshot_add_object(sn, OBJ_SOCKET, "socket:[7]");
	o->u.sock = (struct snap_sock){ .stream = true, .inq = 701,
	    .outq = 702, .sndbuf = 703, .rcvbuf = 704 };
	sn->nworkers = 1;
	sn->workers[0].role = ROLE_CONSUMER;
	sn->workers[0].id = 801;
	sn->workers[0].pid = 802;
	sn->workers[0].alive = true;
	strlcpy(sn->workers[0].phase, "read", sizeof(sn->workers[0].phase));
	strlcpy(sn->workers[0].call, "read(fd)", sizeof(sn->workers[0].call));
	sn->workers[0].from = 0;
	sn->workers[0].to = -1;
	sn->workers[0].state = 'S';
	sn->workers[0].done = 803;
	sn->workers[0].line = 2;
	strlcpy(sn->workers[0].line_text, "n = read(fd, buf, N);",
	    sizeof(sn->workers[0].line_text));
	sn->code.nlines[ROLE_PRODUCER] = 1;
	strlcpy(sn->code.lines[ROLE_PRODUCER][0], "write(fd, \"\\x\", N);",
	    CODE_TEXT_MAX);
	sn->code.nlines[ROLE_CONSUMER] = 3;
	strlcpy(sn->code.lines[ROLE_CONSUMER][0], "while (1) {", CODE_TEXT_MAX);
	strlcpy(sn->code.lines[ROLE_CONSUMER][1], "  n = read(fd, buf, N);",
	    CODE_TEXT_MAX);
	strlcpy(sn->code.lines[ROLE_CONSUMER][2], "}", CODE_TEXT_MAX);
	sn->selected = 0;
	sn->nfacts = 2;
	f = &sn->facts[0];
	strlcpy(f->worker, "C801", sizeof(f->worker));
	strlcpy(f->phase, "read", sizeof(f->phase));
	strlcpy(f->call, "read(fd)", sizeof(f->call));
	f->outcome = FACT_PARTIAL;
	f->ret = 901;
	f->slot = 902;
	f->item = 903;
	f->got = 904;
	f->want = 905;
	f->other = 906;
	f = &sn->facts[1];
	strlcpy(f->worker, "P1", sizeof(f->worker));
	f->woken = true;
	strlcpy(f->phase, "write", sizeof(f->phase));
	strlcpy(f->call, "write(fd)", sizeof(f->call));
	f->outcome = FACT_FAILED;
	f->ret = -1;
	f->err = EPIPE;
	f->slot = -1;
	strlcpy(sn->notes, "no MSG_COPY", sizeof(sn->notes));
	strlcpy(sn->closing.reason, "signal", sizeof(sn->closing.reason));
	sn->closing.signal = 15;
	sn->closing.status = 143;
	strlcpy(sn->event, "P1 did it", sizeof(sn->event));
}
