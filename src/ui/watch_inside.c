/*
 * Inside one object, as the kernel has it: the fields ipcs -i prints,
 * who has it mapped or sleeps on it, a segment's bytes, a queue's
 * messages, a set's semaphores. Drawn from the object and what inspect
 * read (watch_inspect.h) alone: the watch face's inside view and the
 * step face's kernel panel are this.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "watch_ui.h"

/* A process as "1234 server": the pid and its command name. */
void
watch_pid_cell(pid_t pid, char *buf, size_t len)
{
	char	comm[17];

	if (pid <= 0) {
		strlcpy(buf, "-", len);
		return;
	}
	inspect_comm(pid, comm, sizeof(comm));
	snprintf(buf, len, "%d %s", (int)pid, comm);
}

/* "attached at 0x7f..." lines: who holds the segment. */
static int
procs_lines(WINDOW *win, int y, const struct inspect *in, bool maps)
{
	int			 i;

	for (i = 0; i < in->nprocs && y < getmaxy(win) - 2; i++, y++) {
		wmove(win, y, 2);
		if (maps)
			ui_printf(win, UI_NORMAL, "pid %-7d %-16s at 0x%lx%s",
			    (int)in->procs[i].pid, in->procs[i].comm,
			    in->procs[i].addr, in->procs[i].pid == getpid() ?
			    "  (this viewer, read-only)" : "");
		else
			ui_printf(win, UI_BLOCKED, "pid %-7d %-16s asleep in %s",
			    (int)in->procs[i].pid, in->procs[i].comm,
			    in->procs[i].syscall == 64 || in->procs[i].syscall ==
			    65 || in->procs[i].syscall == 220 ? "semop" :
			    in->procs[i].syscall == 69 ? "msgsnd" :
			    in->procs[i].syscall == 70 ? "msgrcv" :
			    in->procs[i].syscall == 242 ? "mq_timedsend" :
			    "mq_timedreceive");
	}
	return (y);
}

/* The bytes as hex and text, 16 a line; changed ones stand out. */
static void
bytes_lines(WINDOW *win, int y, const struct inspect *in, int *scroll)
{
	size_t			 off, i, n = in->shown;
	int			 per = 16, last = getmaxy(win) - 2;
	unsigned char		 b;

	if (n == 0)
		return;
	if ((size_t)*scroll * (size_t)per >= n)
		*scroll = (int)((n - 1) / (size_t)per);
	for (off = (size_t)*scroll * (size_t)per; off < n && y < last;
	    off += (size_t)per, y++) {
		wmove(win, y, 0);
		ui_printf(win, UI_DIM, "%06zx  ", off);
		for (i = off; i < off + (size_t)per; i++) {
			if (i < n)
				ui_printf(win, in->now[i] != in->prev[i] ?
				    UI_CHANGED : UI_NORMAL, "%02x ", in->now[i]);
			else
				ui_put(win, UI_NORMAL, "   ");
		}
		ui_put(win, UI_DIM, " |");
		for (i = off; i < off + (size_t)per && i < n; i++) {
			b = in->now[i];
			ui_printf(win, in->now[i] != in->prev[i] ? UI_CHANGED :
			    UI_NORMAL, "%c", isprint(b) ? b : '.');
		}
		ui_put(win, UI_DIM, "|");
	}
}

/* Where the bytes of a segment looked at without an attach come from. */
static void
still_note(WINDOW *win, const struct inspect *in)
{
	if (in->mem_pid != 0)
		ui_printf(win, UI_DIM, "bytes as pid %d sees them (/proc/%d/mem):"
		    " this viewer holds no attach", (int)in->mem_pid,
		    (int)in->mem_pid);
	else if (in->attach_err != 0)
		ui_printf(win, UI_WARN, "cannot read the bytes through "
		    "/proc/PID/mem: %s", strerror(in->attach_err));
	else
		ui_put(win, UI_DIM, "attached by no process: bytes not shown "
		    "(an attach of ours would count in nattch)");
}

static void
inside_shm(WINDOW *win, const struct inspect *in, int *scroll,
    const struct watch_obj *o, int y)
{
	char			 a[32], b[32];
	int			 mine = in->addr != NULL;

	watch_pid_cell(o->shm.cpid, a, sizeof(a));
	watch_pid_cell(o->shm.lpid, b, sizeof(b));
	wmove(win, y++, 0);
	if (o->type == WT_SHM) {
		ui_printf(win, UI_NORMAL, "shmid %d  key 0x%08x  owner %s  "
		    "perms %04o  bytes %zu", o->shm.id, o->shm.key, o->owner,
		    o->perms, o->shm.size);
		wmove(win, y++, 0);
		ui_printf(win, o->changed & WCH_PID2 ? UI_CHANGED : UI_NORMAL,
		    "created by %s, last shmat/shmdt by %s", a, b);
		wmove(win, y++, 0);
		ui_printf(win, o->changed & WCH_DEPTH ? UI_CHANGED : UI_NORMAL,
		    "nattch %d", o->shm.nattch);
		if (!in->still)
			ui_printf(win, UI_NORMAL, " (%d without this viewer)",
			    o->shm.nattch - mine);
		if (o->shm.dest)
			ui_put(win, UI_NORMAL, "  dest: removed (IPC_RMID) once "
			    "the last detaches; key now 0");
		wmove(win, y++, 0);
		if (in->still)
			still_note(win, in);
		else if (mine)
			ui_put(win, UI_WARN, "this viewer attached it read-only "
			    "(SHM_RDONLY): counted in nattch");
		else if (in->attach_err != 0)
			ui_printf(win, UI_WARN, "cannot read the bytes: shmat: "
			    "%s", strerror(in->attach_err));
		else if (in->note[0] != '\0')
			ui_put(win, UI_WARN, in->note);
	} else {
		ui_printf(win, UI_NORMAL, "POSIX segment %s  owner %s  perms "
		    "%04o  bytes %lld  (read with pread: not mapped by this "
		    "viewer)", o->name, o->owner, o->perms, o->px.size);
		if (in->attach_err != 0) {
			wmove(win, y++, 0);
			ui_printf(win, UI_WARN, "cannot read the bytes: %s",
			    strerror(in->attach_err));
		}
	}
	wmove(win, y++, 0);
	ui_printf(win, UI_HEADING, " mapped by %d process%s (/proc/PID/maps) ",
	    in->nprocs, in->nprocs == 1 ? "" : "es");
	y = procs_lines(win, y, in, true);
	wmove(win, y++, 0);
	ui_printf(win, UI_HEADING, " bytes %zu of %zu%s ", in->shown, in->size,
	    in->still ? "" : " (up/down, pgup/pgdn scroll)");
	bytes_lines(win, y, in, scroll);
}

static void
inside_msg(WINDOW *win, const struct inspect *in, int *scroll,
    const struct watch_obj *o, int y)
{
	char			 a[32], b[32], head[INSPECT_HEAD * 4 + 1];
	int			 i, j, last = getmaxy(win) - 2;

	watch_pid_cell(o->msq.lspid, a, sizeof(a));
	watch_pid_cell(o->msq.lrpid, b, sizeof(b));
	wmove(win, y++, 0);
	ui_printf(win, UI_NORMAL, "msqid %d  key 0x%08x  owner %s  perms %04o",
	    o->msq.id, o->msq.key, o->owner, o->perms);
	wmove(win, y++, 0);
	ui_printf(win, o->changed & WCH_DEPTH ? UI_CHANGED : UI_NORMAL,
	    "qnum %lu", o->msq.qnum);
	if (o->readable)
		ui_printf(win, o->changed & WCH_USED ? UI_CHANGED : UI_NORMAL,
		    "  cbytes %lu of qbytes %lu", o->msq.cbytes, o->msq.qbytes);
	else
		ui_printf(win, UI_WARN, "  cbytes %lu (qbytes: not readable "
		    "by you)", o->msq.cbytes);
	wmove(win, y++, 0);
	ui_printf(win, UI_NORMAL, "last sent by %s, last received by %s", a, b);
	wmove(win, y++, 0);
	ui_printf(win, UI_HEADING, " asleep on it: %d ", in->nprocs);
	y = procs_lines(win, y, in, false);
	wmove(win, y++, 0);
	ui_printf(win, UI_HEADING, " messages, oldest first (msgrcv "
	    "MSG_COPY: they stay queued) ");
	if (in->peek_err != 0 && in->nmsgs == 0) {
		wmove(win, y++, 2);
		ui_printf(win, UI_WARN, "cannot peek: %s", strerror(in->peek_err));
	}
	for (i = *scroll; i < in->nmsgs && y < last; i++, y++) {
		for (j = 0; j < INSPECT_HEAD && (size_t)j < in->msgs[i].size; j++)
			head[j] = isprint(in->msgs[i].head[j]) ?
			    (char)in->msgs[i].head[j] : '.';
		head[j] = '\0';
		wmove(win, y, 2);
		ui_printf(win, UI_NORMAL, "#%-3d type %-6ld %6zu bytes  \"%s\"",
		    i, in->msgs[i].mtype, in->msgs[i].size, head);
	}
}

static void
inside_sem(WINDOW *win, const struct inspect *in, int *scroll,
    const struct watch_obj *o, int y)
{
	char	p[32];
	int	i, last = getmaxy(win) - 2;

	wmove(win, y++, 0);
	ui_printf(win, UI_NORMAL, "semid %d  key 0x%08x  owner %s  perms %04o  "
	    "nsems %d", o->sem.id, o->sem.key, o->owner, o->perms,
	    o->sem.nsems);
	wmove(win, y++, 0);
	ui_printf(win, UI_HEADING, " asleep in semop on it: %d ", in->nprocs);
	y = procs_lines(win, y, in, false);
	wmove(win, y++, 0);
	ui_printf(win, UI_HEADING, " %-6s %6s %6s %6s  %-20s ", "semnum",
	    "value", "ncount", "zcount", "pid (GETPID)");
	if (o->sem.values == NULL) {
		wmove(win, y, 2);
		ui_put(win, UI_WARN, "the values are not readable by you");
		return;
	}
	for (i = *scroll; i < o->sem.nsems && y < last; i++, y++) {
		watch_pid_cell(o->sem.pid[i], p, sizeof(p));
		wmove(win, y, 1);
		ui_printf(win, o->changed & WCH_VALUES ? UI_CHANGED : UI_NORMAL,
		    "%-6d %6d %6d %6d  %s", i, o->sem.values[i], o->sem.ncnt[i],
		    o->sem.zcnt[i], p);
	}
}

static void
inside_pmq(WINDOW *win, const struct inspect *in,
    const struct watch_obj *o, int y)
{
	wmove(win, y++, 0);
	ui_printf(win, UI_NORMAL, "POSIX queue %s  owner %s  perms %04o", o->name,
	    o->owner, o->perms);
	wmove(win, y++, 0);
	if (o->readable)
		ui_printf(win, UI_NORMAL, "mq_getattr: curmsgs %ld of maxmsg "
		    "%ld, msgsize %ld; QSIZE %lld bytes", o->px.curmsgs,
		    o->px.maxmsg, o->px.msgsize, o->px.size);
	else
		ui_printf(win, UI_WARN, "mq_open refused (not readable by "
		    "you); QSIZE %lld bytes", o->px.size);
	wmove(win, y++, 0);
	ui_printf(win, UI_HEADING, " asleep on it: %d ", in->nprocs);
	procs_lines(win, y, in, false);
}

void
watch_inside_body(WINDOW *win, const struct watch_obj *o,
    const struct inspect *in, int *scroll, int y)
{
	switch (o->type) {
	case WT_SHM:
	case WT_PSHM:
		inside_shm(win, in, scroll, o, y);
		break;
	case WT_MSG:
		inside_msg(win, in, scroll, o, y);
		break;
	case WT_SEM:
		inside_sem(win, in, scroll, o, y);
		break;
	default:
		inside_pmq(win, in, o, y);
		break;
	}
}
