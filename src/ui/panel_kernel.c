/*
 * The kernel's own view: the fields ipcs -i prints for each object the
 * transport uses, whichever of them the snapshot holds. A value that
 * changed since the previous sample stands out for one sample. Compact
 * (a few lines an object) at 80x24, the ipcs -i tables when there is room.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui_int.h"

/*
 * The pen places "label value" pairs whole: a pair that does not fit on
 * the line goes to the next one (indented), and a pair wider than a line
 * is broken across lines, so no value is ever cut. With win NULL it only
 * counts lines, so the layout can ask the height; lines past maxy are
 * not drawn, and the panel's last line says how many there are.
 */
struct pen {
	WINDOW	*win;
	int	 y, maxy;	/* the line; lines 1..maxy-1 are drawn */
	int	 x, w;		/* the next column; the panel's width */
	int	 cont;		/* where a continued line starts */
};

#define CONT_INDENT	5

static bool
pen_drawn(const struct pen *p)
{
	return (p->win != NULL && p->y < p->maxy);
}

static void
pen_line(struct pen *p, int indent)
{
	p->y++;
	p->x = indent;
	p->cont = indent > CONT_INDENT ? indent : CONT_INDENT;
	if (pen_drawn(p))
		wmove(p->win, p->y, indent);
}

/* s in role r from the pen's column, broken where the line ends. */
static void
pen_text(struct pen *p, enum ui_role r, const char *s)
{
	char	one[8];
	size_t	len;
	int	cw;

	while (*s != '\0') {
		len = (size_t)mblen(s, MB_CUR_MAX);
		if (len == (size_t)-1 || len == 0 || len >= sizeof(one))
			len = 1;
		memcpy(one, s, len);
		one[len] = '\0';
		cw = ui_width(one);
		if (p->x + cw > p->w && p->x > p->cont)
			pen_line(p, p->cont);
		if (pen_drawn(p))
			ui_put(p->win, r, one);
		p->x += cw;
		s += len;
	}
}

/* A pair (label may be NULL) kept on one line if it fits on one at all,
 * then sep spaces if they fit. */
static void
pen_pair(struct pen *p, const char *label, enum ui_role r, const char *val,
    int sep)
{
	int	need = (label != NULL ? ui_width(label) + 1 : 0) + ui_width(val);

	if (p->x + need > p->w && p->x > p->cont)
		pen_line(p, p->cont);
	if (label != NULL) {
		pen_text(p, UI_DIM, label);
		pen_text(p, UI_DIM, " ");
	}
	pen_text(p, r, val);
	if (p->x + sep <= p->w) {
		if (pen_drawn(p))
			ui_put(p->win, UI_NORMAL, sep == 1 ? " " : "  ");
		p->x += sep;
	}
}

static void
pen_kv(struct pen *p, const char *label, enum ui_role r, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
pen_kv(struct pen *p, const char *label, enum ui_role r, const char *fmt, ...)
{
	char	buf[512];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pen_pair(p, label, r, buf, 2);
}

/* A word or title without a label: kept whole like a pair. */
#define pen_put(p, r, ...)	pen_kv(p, NULL, r, __VA_ARGS__)

/* A word followed by one space: titles, items of a list. */
static void
pen_word(struct pen *p, enum ui_role r, const char *s)
{
	pen_pair(p, NULL, r, s, 1);
}

/* "label value", the value highlighted when it changed. */
static void
pen_field(struct pen *p, const char *label, long v, bool changed)
{
	pen_kv(p, label, changed ? UI_CHANGED : UI_NORMAL, "%ld", v);
}

static void
when(time_t t, char *buf, size_t len)
{
	struct tm	tm;

	if (t == 0)
		strlcpy(buf, "not set", len);
	else if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%H:%M:%S", &tm) == 0)
		snprintf(buf, len, "%lld", (long long)t);
}

static void
draw_shm(struct pen *p, const struct snap_shm *k, const struct snap_shm *o,
    bool full)
{
	char	at[16], dt[16], ct[16];

	when(k->atime, at, sizeof(at));
	when(k->dtime, dt, sizeof(dt));
	when(k->ctime, ct, sizeof(ct));
	pen_line(p, 1);
	if (full)
		pen_word(p, UI_NORMAL, "Shared memory segment");
	else
		pen_put(p, UI_NORMAL, "shm");
	pen_kv(p, "shmid", UI_NORMAL, "%d", k->id);
	pen_kv(p, "key", o != NULL && o->key != k->key ? UI_CHANGED :
	    UI_NORMAL, "0x%08x", k->key);
	pen_kv(p, "perms", UI_NORMAL, "%04o", k->mode & 0777);
	pen_kv(p, "size", UI_NORMAL, "%zu", k->size);
	pen_kv(p, "dest", k->dest ? UI_WARN : UI_NORMAL, "%s",
	    k->dest ? "yes" : "no");
	pen_line(p, full ? 2 : 5);
	pen_field(p, "nattch", k->nattch, o != NULL && o->nattch != k->nattch);
	if (k->viewer_attached > 0)
		pen_put(p, UI_DIM, "(%d of them this viewer)",
		    k->viewer_attached);
	pen_field(p, "cpid", k->cpid, o != NULL && o->cpid != k->cpid);
	pen_field(p, "lpid", k->lpid, o != NULL && o->lpid != k->lpid);
	pen_line(p, full ? 2 : 5);
	pen_kv(p, "att_time", o != NULL && o->atime != k->atime ? UI_CHANGED :
	    UI_NORMAL, "%s", at);
	pen_kv(p, "det_time", o != NULL && o->dtime != k->dtime ? UI_CHANGED :
	    UI_NORMAL, "%s", dt);
	pen_kv(p, "change_time", UI_NORMAL, "%s", ct);
}

static void
draw_sem(struct pen *p, const struct snap_sem *m, const struct snap_sem *o,
    bool full)
{
	char	row[64];
	int	i;

	pen_line(p, 1);
	if (m->posix)
		pen_put(p, UI_NORMAL, "%s", full ? "POSIX semaphores "
		    "(sem_t in shared memory)" : "sem  POSIX, in shared memory");
	else {
		if (full)
			pen_word(p, UI_NORMAL, "Semaphore array");
		else
			pen_put(p, UI_NORMAL, "sem");
		pen_kv(p, "semid", UI_NORMAL, "%d", m->id);
		pen_kv(p, "key", UI_NORMAL, "0x%08x", m->key);
		pen_kv(p, "perms", UI_NORMAL, "%04o", m->mode & 0777);
		pen_kv(p, "nsems", UI_NORMAL, "%d", m->nsems);
	}
	if (!full) {
		/* name value (waiters), as semctl GETVAL/GETNCNT: one
		 * pair each, so a narrow panel moves a whole one on. */
		pen_line(p, 5);
		for (i = 0; i < m->nsems && i < SNAP_SEMS; i++) {
			if (m->posix) {
				pen_kv(p, m->names[i], o != NULL &&
				    o->values[i] != m->values[i] ? UI_CHANGED :
				    UI_NORMAL, "%d", m->values[i]);
				continue;
			}
			snprintf(row, sizeof(row), "%d (%d waiting)",
			    m->values[i], m->ncnt[i]);
			pen_kv(p, m->names[i], m->ncnt[i] > 0 ? UI_BLOCKED :
			    o != NULL && o->values[i] != m->values[i] ?
			    UI_CHANGED : UI_NORMAL, "%s", row);
		}
		return;
	}
	pen_line(p, 2);
	pen_put(p, UI_DIM, "semnum name    value   ncount  zcount  pid");
	for (i = 0; i < m->nsems && i < SNAP_SEMS; i++) {
		pen_line(p, 2);
		snprintf(row, sizeof(row), "%-6d %-7s", i, m->names[i]);
		pen_text(p, UI_NORMAL, row);
		pen_text(p, UI_NORMAL, " ");
		snprintf(row, sizeof(row), "%-7d ", m->values[i]);
		pen_text(p, o != NULL && o->values[i] != m->values[i] ?
		    UI_CHANGED : UI_NORMAL, row);
		if (m->posix) {
			pen_put(p, UI_DIM, "(sem_t keeps no waiter count)");
			continue;
		}
		snprintf(row, sizeof(row), "%-7d ", m->ncnt[i]);
		pen_text(p, m->ncnt[i] > 0 ? UI_BLOCKED : UI_NORMAL, row);
		snprintf(row, sizeof(row), "%-7d ", m->zcnt[i]);
		pen_text(p, UI_NORMAL, row);
		snprintf(row, sizeof(row), "%d", (int)m->pid[i]);
		pen_text(p, o != NULL && o->pid[i] != m->pid[i] ? UI_CHANGED :
		    UI_NORMAL, row);
	}
}

static void
draw_msq(struct pen *p, const struct snap_msq *q, const struct snap_msq *o,
    bool full)
{
	char	st[16], rt[16];

	pen_line(p, 1);
	if (full)
		pen_word(p, UI_NORMAL, "Message queue");
	else
		pen_put(p, UI_NORMAL, "msq");
	pen_kv(p, "msqid", UI_NORMAL, "%d", q->id);
	pen_kv(p, "key", UI_NORMAL, "0x%08x", q->key);
	pen_kv(p, "perms", UI_NORMAL, "%04o", q->mode & 0777);
	pen_line(p, full ? 2 : 5);
	pen_field(p, "qnum", (long)q->qnum, o != NULL && o->qnum != q->qnum);
	pen_field(p, "cbytes", (long)q->cbytes, o != NULL &&
	    o->cbytes != q->cbytes);
	pen_field(p, "qbytes", (long)q->qbytes, o != NULL &&
	    o->qbytes != q->qbytes);
	pen_field(p, "lspid", q->lspid, o != NULL && o->lspid != q->lspid);
	pen_field(p, "lrpid", q->lrpid, o != NULL && o->lrpid != q->lrpid);
	if (!full)
		return;
	when(q->stime, st, sizeof(st));
	when(q->rtime, rt, sizeof(rt));
	pen_line(p, 2);
	pen_kv(p, "send_time", UI_NORMAL, "%s", st);
	pen_kv(p, "rcv_time", UI_NORMAL, "%s", rt);
}

static void
draw_pshm(struct pen *p, const struct snap_pshm *k, const struct snap_pshm *o)
{
	char	pid[16];
	int	i;

	pen_line(p, 1);
	pen_put(p, UI_NORMAL, "POSIX shm");
	pen_put(p, UI_NORMAL, "/dev/shm%s", k->name[0] == '/' ? k->name : "/");
	pen_kv(p, "size", UI_NORMAL, "%zu", k->size);
	pen_line(p, 5);
	pen_field(p, "mapped by", k->nmappers, o != NULL &&
	    o->nmappers != k->nmappers);
	if (k->nmappers > 0)
		pen_word(p, UI_DIM, "pids");
	for (i = 0; i < k->nmappers && i < WORKERS_MAX + 1; i++) {
		snprintf(pid, sizeof(pid), "%d", (int)k->mappers[i]);
		pen_word(p, UI_NORMAL, pid);
	}
}

static void
draw_mq(struct pen *p, const struct snap_mq *q, const struct snap_mq *o)
{
	pen_line(p, 1);
	pen_put(p, UI_NORMAL, "POSIX mq");
	pen_put(p, UI_NORMAL, "%s", q->name);
	pen_field(p, "curmsgs", q->curmsgs, o != NULL &&
	    o->curmsgs != q->curmsgs);
	pen_field(p, "maxmsg", q->maxmsg, false);
	pen_field(p, "msgsize", q->msgsize, false);
	/* mq_getattr counts no waiters: these come from /proc. */
	pen_line(p, 5);
	pen_word(p, UI_DIM, "asleep in");
	pen_kv(p, "mq_send", q->waiting_send > 0 ? UI_BLOCKED : UI_NORMAL,
	    "%d", q->waiting_send);
	pen_kv(p, "mq_receive", q->waiting_receive > 0 ? UI_BLOCKED :
	    UI_NORMAL, "%d", q->waiting_receive);
}

static void
draw_pipe(struct pen *p, const struct snap_pipe *k, const struct snap_pipe *o)
{
	pen_line(p, 1);
	pen_put(p, UI_NORMAL, "%s", k->path[0] != '\0' ? "FIFO" : "pipe");
	if (k->path[0] != '\0')
		pen_put(p, UI_NORMAL, "%s", k->path);
	pen_field(p, "queued (FIONREAD)", k->queued, o != NULL &&
	    o->queued != k->queued);
	pen_field(p, "of capacity (F_GETPIPE_SZ)", k->capacity, false);
}

static void
draw_sock(struct pen *p, const struct snap_sock *k, const struct snap_sock *o)
{
	pen_line(p, 1);
	pen_put(p, UI_NORMAL, "Unix %s socketpair", k->stream ? "stream" :
	    "datagram");
	pen_field(p, "SIOCINQ bytes", k->inq, o != NULL && o->inq != k->inq);
	pen_field(p, "SIOCOUTQ memory", k->outq, o != NULL &&
	    o->outq != k->outq);
	pen_line(p, 5);
	pen_field(p, "sndbuf", k->sndbuf, false);
	pen_field(p, "rcvbuf", k->rcvbuf, false);
}

static void
notes_line(void *arg, const char *s, int n)
{
	struct pen	*p = arg;

	char		 buf[EVENT_MAX];

	snprintf(buf, sizeof(buf), "%.*s", n, s);
	pen_line(p, 1);
	pen_text(p, UI_WARN, buf);
}

/* One object, beside the same object (by ident) of the previous frame. */
static void
draw_object(struct pen *p, const struct snap_object *k,
    const struct snap_object *o, bool full)
{
	switch (k->kind) {
	case OBJ_SHM:
		draw_shm(p, &k->u.shm, o != NULL ? &o->u.shm : NULL, full);
		break;
	case OBJ_SEM:
		draw_sem(p, &k->u.sem, o != NULL ? &o->u.sem : NULL, full);
		break;
	case OBJ_MSQ:
		draw_msq(p, &k->u.msq, o != NULL ? &o->u.msq : NULL, full);
		break;
	case OBJ_PSHM:
		draw_pshm(p, &k->u.pshm, o != NULL ? &o->u.pshm : NULL);
		break;
	case OBJ_MQ:
		draw_mq(p, &k->u.mq, o != NULL ? &o->u.mq : NULL);
		break;
	case OBJ_PIPE:
	case OBJ_FIFO:
		draw_pipe(p, &k->u.pipe, o != NULL ? &o->u.pipe : NULL);
		break;
	case OBJ_SOCKET:
		draw_sock(p, &k->u.sock, o != NULL ? &o->u.sock : NULL);
		break;
	default:
		break;
	}
}

/* Every object, segments first and sockets last, as ipcs lists them. */
static void
draw_all(struct pen *p, int w, const struct snapshot *s,
    const struct snapshot *o, bool full)
{
	static const enum obj_kind	 order[] = { OBJ_SHM, OBJ_SEM, OBJ_MSQ,
	    OBJ_PSHM, OBJ_MQ, OBJ_PIPE, OBJ_FIFO, OBJ_SOCKET };
	const struct snap_object	*k, *prev;
	size_t				 i;
	int				 n;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		for (n = 0; n < s->nobjects; n++) {
			k = &s->objects[n];
			if (k->kind != order[i])
				continue;
			prev = o != NULL ? snapshot_object(o, k->ident) : NULL;
			if (prev != NULL && prev->kind != k->kind)
				prev = NULL;
			draw_object(p, k, prev, full);
		}
	if (s->nobjects == 0) {
		pen_line(p, 1);
		pen_put(p, UI_DIM, "no kernel object sampled");
	}
	if (s->notes[0] != '\0')
		ui_wrap(s->notes, w - 2, notes_line, p);
}

int
panel_kernel_height(const struct snapshot *snap, int w, bool full)
{
	struct pen	p = { NULL, 0, 0, 0, w, CONT_INDENT };

	draw_all(&p, w, snap, NULL, full);
	return (p.y + 1);
}

void
panel_kernel_draw(WINDOW *win, const struct snapshot *snap,
    const struct snapshot *prev, bool full)
{
	struct pen	p = { NULL, 0, 0, 0, 0, CONT_INDENT };
	char		more[64];
	int		h, w, need;

	getmaxyx(win, h, w);
	ui_heading(win, "Kernel: what the kernel reports now",
	    "bold: changed");
	need = panel_kernel_height(snap, w, full);
	p.win = win;
	p.w = w;
	/* Lines that do not fit are counted on the last line, never
	 * dropped unsaid. */
	p.maxy = need > h ? h - 1 : h;
	draw_all(&p, w, snap, prev, full);
	if (need > h && h >= 2) {
		snprintf(more, sizeof(more), "%s +%d more line%s: a taller "
		    "terminal shows them", ui_theme.g.ellipsis, need - (h - 1),
		    need - (h - 1) == 1 ? "" : "s");
		wmove(win, h - 1, 1);
		ui_put(win, UI_WARN, more);
	}
}
