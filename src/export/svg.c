/*
 * The SVG picture of a frame (svg.h): drawn from the snapshot, in
 * sections top to bottom: the title, the buffer, the kernel objects, the
 * workers, the code, the event. Colour is never the only cue: a full slot
 * is filled and holds its number, an empty one is dashed and says so, a
 * blocked worker's line says BLOCKED.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/role.h"
#include "ipcscope/svg.h"
#include "ipcscope/verdict.h"

#define WIDTH		1280
#define MARGIN		24
#define LINE_H		22	/* a line of 16 px text */
#define SLOT_W		64
#define SLOT_GAP	12
#define SLOTS_PER_ROW	16
#define ROW_H		(SLOT_W + 84)	/* a slot, its index, in, out */
#define CODE_COL_W	((WIDTH - 2 * MARGIN) / 2)
#define EVENT_COLS	120	/* characters a line of the event holds */

static const char *const css =
    "text{font-family:'DejaVu Sans Mono',monospace;font-size:16px;"
    "fill:#111}"
    ".h{font-weight:bold;font-size:18px}"
    ".title{font-weight:bold;font-size:22px}"
    ".dim{fill:#555}"
    ".slot-full{fill:#1b5e20;stroke:#000;stroke-width:2}"
    ".slot-empty{fill:#fff;stroke:#555;stroke-width:2;"
    "stroke-dasharray:6 4}"
    ".slot-item{fill:#fff;font-size:26px;font-weight:bold}"
    ".slot-by{fill:#fff;font-size:13px}"
    ".slot-free{fill:#555;font-size:13px}"
    ".slot-index{font-size:13px;fill:#333}"
    ".in{fill:#1b5e20;font-weight:bold}"
    ".out{fill:#8a3b00;font-weight:bold}"
    ".blocked{fill:#b00020;font-weight:bold}"
    ".here{fill:#fff3b0}"
    ".here-blocked{fill:#ffd0d6}"
    ".code-label{font-weight:bold}"
    ".state{font-weight:bold;font-size:40px;fill:#fff}"
    ".state-badge{fill:#111}";

void
svg_escape(FILE *f, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	int			 n, i;

	while (*p != '\0') {
		switch (*p) {
		case '&':
			fputs("&amp;", f);
			p++;
			continue;
		case '<':
			fputs("&lt;", f);
			p++;
			continue;
		case '>':
			fputs("&gt;", f);
			p++;
			continue;
		case '"':
			fputs("&quot;", f);
			p++;
			continue;
		case '\'':
			fputs("&apos;", f);
			p++;
			continue;
		}
		/* XML 1.0 takes tab, newline and CR of the controls only. */
		if (*p < 0x20) {
			fputc(*p == '\t' || *p == '\n' ? ' ' : '?', f);
			p++;
			continue;
		}
		if (*p < 0x80) {
			fputc(*p++, f);
			continue;
		}
		/* A whole, shortest UTF-8 sequence of a character XML allows,
		 * or '?' for its first byte. */
		n = *p >= 0xc2 && *p <= 0xdf ? 2 : *p >= 0xe0 && *p <= 0xef ?
		    3 : *p >= 0xf0 && *p <= 0xf4 ? 4 : 0;
		for (i = 1; i < n; i++)
			if ((p[i] & 0xc0) != 0x80)
				n = 0;
		if ((n == 3 && p[0] == 0xe0 && p[1] < 0xa0) ||
		    (n == 3 && p[0] == 0xed && p[1] >= 0xa0) ||
		    (n == 3 && p[0] == 0xef && p[1] == 0xbf && p[2] >= 0xbe) ||
		    (n == 4 && p[0] == 0xf0 && p[1] < 0x90) ||
		    (n == 4 && p[0] == 0xf4 && p[1] >= 0x90))
			n = 0;
		if (n == 0) {
			fputc('?', f);
			p++;
			continue;
		}
		fwrite(p, 1, (size_t)n, f);
		p += n;
	}
}

/* <text x y class extra>escaped printf</text> */
static void
text(FILE *f, int x, int y, const char *cls, const char *attrs,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void
text(FILE *f, int x, int y, const char *cls, const char *attrs,
    const char *fmt, ...)
{
	char	buf[EVENT_MAX + 256];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(f, "<text x=\"%d\" y=\"%d\"", x, y);
	if (cls != NULL)
		fprintf(f, " class=\"%s\"", cls);
	if (attrs != NULL)
		fprintf(f, " %s", attrs);
	fputs(">", f);
	svg_escape(f, buf);
	fputs("</text>\n", f);
}

/* The banner's word (verdict.h), large on a dark badge, right of the
 * title: FULL, EMPTY, BLOCKED, DEADLOCK; none when partial. */
static void
draw_state(FILE *f, const struct snapshot *s, int y)
{
	const char	*word = verdict_word(verdict_of(s));
	int		 w = (int)strlen(word) * 26 + 24;

	if (*word == '\0')
		return;
	fprintf(f, "<rect class=\"state-badge\" x=\"%d\" y=\"%d\" "
	    "width=\"%d\" height=\"52\" rx=\"6\"/>\n", WIDTH - MARGIN - w,
	    y, w);
	text(f, WIDTH - MARGIN - w / 2, y + 41, "state",
	    "text-anchor=\"middle\"", "%s", word);
}

static int
draw_title(FILE *f, const struct snapshot *s, int y)
{
	char	key[64];

	text(f, MARGIN, y, "title", NULL, "ipcscope: %s (%s)", s->title,
	    s->transport);
	snprintf(key, sizeof(key), "%s", s->key);
	text(f, WIDTH - MARGIN, y, "dim", "text-anchor=\"end\"",
	    "step %lu%s%s, %s mode", s->step, key[0] != '\0' ? ", key " : "",
	    key, s->mode == MODE_RUN ? "run" : "step");
	y += LINE_H;
	text(f, MARGIN, y, "dim", NULL, "produced %lu, consumed %lu; taken "
	    "twice %lu, out of order %lu, lost %lu", s->produced, s->consumed,
	    s->audit.duplicates, s->audit.out_of_order, s->audit.lost);
	draw_state(f, s, y + 8);
	return (y + LINE_H + 48);
}

static void
draw_slot(FILE *f, const struct snap_buffer *b, int i, int x, int y)
{
	const struct snap_slot	*sl = &b->slots[i];
	char			 attr[32];

	snprintf(attr, sizeof(attr), "data-slot=\"%d\"", i);
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
	    "rx=\"6\" class=\"%s\"/>\n", x, y, SLOT_W, SLOT_W,
	    sl->full ? "slot-full" : "slot-empty");
	if (sl->full) {
		fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"slot-item\" "
		    "text-anchor=\"middle\" %s>%u</text>\n", x + SLOT_W / 2,
		    y + 34, attr, (unsigned)sl->seq);
		text(f, x + SLOT_W / 2, y + 54, "slot-by",
		    "text-anchor=\"middle\"", sl->mtype != 0 ? "P%d to C%d" :
		    "P%d", sl->producer, sl->mtype);
	} else
		text(f, x + SLOT_W / 2, y + 38, "slot-free",
		    "text-anchor=\"middle\"", "empty");
	if (b->has_inout)
		text(f, x + SLOT_W / 2, y + SLOT_W + 16, "slot-index",
		    "text-anchor=\"middle\"", "%d", i);
}

static int
draw_buffer(FILE *f, const struct snapshot *s, int y)
{
	const struct snap_buffer	*b;
	int				 i, x, rows, row;

	if (s->nbuffers == 0)
		return (y);
	b = &s->buffers[0];
	text(f, MARGIN, y, "h", NULL, "%s: %d of %d %s", b->has_inout ?
	    "Buffer, the slots in shared memory" : "Buffer, the kernel's "
	    "queue, oldest first", b->count, b->capacity, b->has_inout ?
	    "slots full" : "items queued");
	y += 12;
	rows = (b->nslots + SLOTS_PER_ROW - 1) / SLOTS_PER_ROW;
	for (i = 0; i < b->nslots; i++) {
		row = i / SLOTS_PER_ROW;
		x = MARGIN + (i % SLOTS_PER_ROW) * (SLOT_W + SLOT_GAP);
		draw_slot(f, b, i, x, y + row * ROW_H);
		if (!b->has_inout)
			continue;
		/* Words beside the arrows: in and out differ not by colour. */
		if (i == b->in)
			text(f, x + SLOT_W / 2, y + row * ROW_H + SLOT_W + 36,
			    "in", "text-anchor=\"middle\"", "\u2191in");
		if (i == b->out)
			text(f, x + SLOT_W / 2, y + row * ROW_H + SLOT_W + 56,
			    "out", "text-anchor=\"middle\"", "\u2191out");
	}
	y += (rows > 0 ? rows : 1) * ROW_H;
	if (b->has_inout) {
		text(f, MARGIN, y, "dim", NULL, "in = %d (next slot to fill), "
		    "out = %d (next slot to empty)", b->in, b->out);
		y += LINE_H;
	}
	if (b->note[0] != '\0') {
		text(f, MARGIN, y, "dim", NULL, "%s", b->note);
		y += LINE_H;
	}
	return (y + 8);
}

static int
draw_sem(FILE *f, const struct snap_object *o, int y)
{
	const struct snap_sem	*m = &o->u.sem;
	char			 attr[96];
	int			 i, x;

	if (m->posix)
		text(f, MARGIN, y, "kernel", "data-kind=\"sem\"", "POSIX "
		    "semaphores (sem_t in shared memory)");
	else
		text(f, MARGIN, y, "kernel", "data-kind=\"sem\"", "System V "
		    "semaphore set: semid %d, key 0x%08x, perms %04o, nsems %d",
		    m->id, m->key, m->mode & 0777, m->nsems);
	y += LINE_H;
	for (i = 0, x = MARGIN + 24; i < m->nsems && i < SNAP_SEMS; i++) {
		snprintf(attr, sizeof(attr), "data-name=\"%s\" "
		    "data-value=\"%d\"", m->names[i], m->values[i]);
		/* Names are the transports' own: plain ASCII words. */
		text(f, x, y, "sem", attr, "%s %d (%d waiting)", m->names[i],
		    m->values[i], m->ncnt[i]);
		x += 300;
	}
	return (y + LINE_H);
}

/* One line of an object's key values, as `ipcs -i` names them. */
static int
draw_object(FILE *f, const struct snap_object *o, int y)
{
	const struct snap_shm	*k = &o->u.shm;
	const struct snap_msq	*q = &o->u.msq;
	const struct snap_mq	*mq = &o->u.mq;
	const struct snap_pipe	*p = &o->u.pipe;
	const struct snap_sock	*so = &o->u.sock;
	char			 attr[48];

	snprintf(attr, sizeof(attr), "data-kind=\"%s\"",
	    obj_kind_name(o->kind));
	switch (o->kind) {
	case OBJ_SHM:
		text(f, MARGIN, y, "kernel", attr, "System V segment: shmid %d, "
		    "key 0x%08x, perms %04o, size %zu, dest %s", k->id, k->key,
		    k->mode & 0777, k->size, k->dest ? "yes" : "no");
		text(f, MARGIN + 24, y + LINE_H, "kernel", attr, "nattch %d (%d "
		    "of them this viewer), cpid %d, lpid %d", k->nattch,
		    k->viewer_attached, (int)k->cpid, (int)k->lpid);
		y += LINE_H;
		break;
	case OBJ_SEM:
		return (draw_sem(f, o, y));
	case OBJ_MSQ:
		text(f, MARGIN, y, "kernel", attr, "System V queue: msqid %d, "
		    "key 0x%08x, qnum %lu, cbytes %lu, qbytes %lu, lspid %d, "
		    "lrpid %d", q->id, q->key, q->qnum, q->cbytes, q->qbytes,
		    (int)q->lspid, (int)q->lrpid);
		break;
	case OBJ_PSHM:
		text(f, MARGIN, y, "kernel", attr, "POSIX shared memory %s: "
		    "size %zu, mapped by %d", o->u.pshm.name, o->u.pshm.size,
		    o->u.pshm.nmappers);
		break;
	case OBJ_MQ:
		text(f, MARGIN, y, "kernel", attr, "POSIX queue %s: curmsgs %ld "
		    "of maxmsg %ld, msgsize %ld, waiting to send %d, to "
		    "receive %d", mq->name, mq->curmsgs, mq->maxmsg,
		    mq->msgsize, mq->waiting_send, mq->waiting_receive);
		break;
	case OBJ_PIPE:
	case OBJ_FIFO:
		text(f, MARGIN, y, "kernel", attr, "%s%s%s: queued %d of "
		    "capacity %d bytes", o->kind == OBJ_FIFO ? "FIFO" : "pipe",
		    p->path[0] != '\0' ? " " : "", p->path, p->queued,
		    p->capacity);
		break;
	case OBJ_SOCKET:
		text(f, MARGIN, y, "kernel", attr, "Unix %s socketpair: inq %d "
		    "bytes, outq %d (buffer memory), sndbuf %d, rcvbuf %d",
		    so->stream ? "stream" : "datagram", so->inq, so->outq,
		    so->sndbuf, so->rcvbuf);
		break;
	default:
		return (y);
	}
	return (y + LINE_H);
}

static int
draw_kernel(FILE *f, const struct snapshot *s, int y)
{
	int	i;

	text(f, MARGIN, y, "h", NULL, "Kernel: what the kernel reports");
	y += LINE_H + 4;
	for (i = 0; i < s->nobjects; i++)
		y = draw_object(f, &s->objects[i], y);
	return (y + 8);
}

static int
draw_workers(FILE *f, const struct snapshot *s, int y)
{
	const struct snap_worker	*w;
	char				 attr[80], state[160];
	int				 i;

	text(f, MARGIN, y, "h", NULL, "Processes");
	y += LINE_H + 4;
	for (i = 0; i < s->nworkers; i++) {
		w = &s->workers[i];
		snprintf(attr, sizeof(attr), "data-worker=\"%s\"", w->label);
		if (!w->alive)
			snprintf(state, sizeof(state), "DEAD%s", w->exit_signal ?
			    ", killed by a signal" : "");
		else if (w->blocked)
			snprintf(state, sizeof(state), "BLOCKED: %s", w->reason);
		else
			snprintf(state, sizeof(state), "%s", w->waiting_permit ?
			    "ready" : "running");
		strlcat(attr, " xml:space=\"preserve\"", sizeof(attr));
		text(f, MARGIN, y, w->blocked ? "worker blocked" : "worker",
		    attr, "%-3s %-8s pid %-7d %-12s %c  %s%s%s", w->label,
		    role_name(w->role),
		    (int)w->pid, w->phase, w->state, state,
		    w->holds[0] != '\0' ? ", holds " : "", w->holds);
		y += LINE_H;
	}
	return (y + 8);
}

/* role's loop in a column at x: each line, the labels of the workers
 * at it, a band behind it, and BLOCKED in words. */
static int
draw_loop(FILE *f, const struct snapshot *s, int role, int x, int y)
{
	const struct snap_worker	*w;
	char				 attr[96];
	bool				 blocked, here;
	int				 n, i, lx;

	text(f, x, y, "dim", NULL, "the %s's loop", role_name(role));
	y += LINE_H;
	for (n = 1; n <= s->code.nlines[role]; n++, y += LINE_H) {
		blocked = here = false;
		for (i = 0; i < s->nworkers; i++) {
			w = &s->workers[i];
			if (w->alive && w->role == role && w->line == n) {
				blocked |= w->blocked;
				here = true;
			}
		}
		if (here)
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" class=\"%s\"/>\n", x + 90, y - 16,
			    CODE_COL_W - 100, LINE_H - 2, blocked ?
			    "here-blocked" : "here");
		text(f, x, y, "dim", NULL, "%2d", n);
		/* The labels right-aligned before the line, one by one. */
		lx = x + 84;
		for (i = s->nworkers - 1; i >= 0; i--) {
			w = &s->workers[i];
			if (!w->alive || w->role != role || w->line != n)
				continue;
			snprintf(attr, sizeof(attr), "data-worker=\"%s\" "
			    "data-role=\"%s\" data-line=\"%d\" "
			    "data-blocked=\"%s\" text-anchor=\"end\"", w->label,
			    role_name(role), n, w->blocked ? "true" : "false");
			text(f, lx, y, w->blocked ? "code-label blocked" :
			    "code-label", attr, "%s", w->label);
			lx -= 30;
		}
		text(f, x + 96, y, blocked ? "code blocked" : "code",
		    "xml:space=\"preserve\"", "%s%s", s->code.lines[role][n - 1],
		    blocked ? "   BLOCKED" : "");
	}
	return (y);
}

static int
draw_code(FILE *f, const struct snapshot *s, int y)
{
	int	a, b;

	if (s->code.nlines[0] == 0 && s->code.nlines[1] == 0)
		return (y);
	text(f, MARGIN, y, "h", NULL, "Code: each worker's label at the line "
	    "it runs next");
	y += LINE_H + 4;
	a = draw_loop(f, s, ROLE_PRODUCER, MARGIN, y);
	b = draw_loop(f, s, ROLE_CONSUMER, MARGIN + CODE_COL_W, y);
	return ((a > b ? a : b) + 8);
}

/* The event, cut into lines at spaces. */
static int
draw_event(FILE *f, const struct snapshot *s, int y)
{
	const char	*p = s->event, *brk;
	int		 n;

	while (*p != '\0') {
		n = (int)strlen(p);
		if (n > EVENT_COLS) {
			for (brk = p + EVENT_COLS; brk > p && *brk != ' '; brk--)
				;
			n = brk > p ? (int)(brk - p) : EVENT_COLS;
		}
		text(f, MARGIN, y, "event", NULL, "%.*s", n, p);
		y += LINE_H;
		p += n;
		while (*p == ' ')
			p++;
	}
	return (y);
}

int
svg_write(FILE *f, const struct snapshot *s)
{
	char	*body = NULL;
	size_t	 len = 0;
	FILE	*m;
	int	 y = MARGIN + 16;

	/* The body first: the height is known only once it is drawn. */
	if ((m = open_memstream(&body, &len)) == NULL)
		return (-1);
	y = draw_title(m, s, y);
	y = draw_buffer(m, s, y + 8);
	y = draw_code(m, s, y + 8);
	y = draw_kernel(m, s, y + 8);
	y = draw_workers(m, s, y + 8);
	y = draw_event(m, s, y + 8);
	if (fclose(m) == EOF) {
		free(body);
		return (-1);
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\">\n<title>", WIDTH, y + MARGIN,
	    WIDTH, y + MARGIN);
	fprintf(f, "ipcscope, step %lu: ", s->step);
	svg_escape(f, s->transport);
	fprintf(f, "</title>\n<style>%s</style>\n<rect width=\"100%%\" "
	    "height=\"100%%\" fill=\"#fff\"/>\n", css);
	fwrite(body, 1, len, f);
	free(body);
	fputs("</svg>\n", f);
	return (ferror(f) ? -1 : 0);
}
