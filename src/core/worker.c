/*
 * A worker: the textbook producer or consumer loop in its own process.
 * It dies with the viewer (PR_SET_PDEATHSIG); the last one out then
 * removes the kernel objects, since nobody else will.
 */
#include <sys/prctl.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/limits.h"
#include "ipcscope/runfile.h"
#include "ipcscope/sig.h"
#include "ipcscope/worker.h"

/* Every channel of the run (--graph has one per buffer): the last
 * worker out removes them all when the viewer is gone. */
static struct channel	*const *the_chs;
static int		 the_nch;

/* Async-signal-safe: atomics, system calls and _exit only. */
void
worker_leave(int status)
{
	struct board	*b = the_chs[0]->board;
	int		 i;

	if (getppid() != b->viewer && atomic_fetch_sub(&b->live, 1) == 1)
		for (i = 0; i < the_nch; i++) {
			the_chs[i]->t->destroy(the_chs[i]);
			unlink(the_chs[i]->run.path);
		}
	_exit(status);
}

static void
on_term(int sig)
{
	(void)sig;
	worker_leave(0);
}

static void
worker_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	/* The terminal's signals are the viewer's to handle. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = on_term;
	sigfillset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
}

/* Close every descriptor but 0-2 and the ones the transports of the
 * channels in use (a bit each) need, and every run file's lock. */
static void
worker_fds(struct channel *const *chs, int nch, unsigned use,
    bool keep_stderr)
{
	const struct channel	*ch;
	int			 fd, i, c, max = 2, keep;

	if ((fd = open("/dev/null", O_RDWR)) != -1) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		if (!keep_stderr)
			dup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	/* The run file's descriptor holds the run's lock: while any of us
	 * lives, clean leaves the run alone. */
	for (c = 0; c < nch; c++) {
		ch = chs[c];
		if (ch->run.fd > max)
			max = ch->run.fd;
		for (i = 0; i < ch->nkeep_fds; i++)
			if (ch->keep_fds[i] > max)
				max = ch->keep_fds[i];
	}
	for (fd = 3; fd <= max; fd++) {
		keep = 0;
		for (c = 0; c < nch; c++) {
			ch = chs[c];
			keep |= fd == ch->run.fd;
			for (i = 0; i < ch->nkeep_fds && (use & 1u << c); i++)
				keep |= ch->keep_fds[i] == fd;
		}
		if (!keep)
			close(fd);
	}
	closefrom(max + 1);
}

void
worker_record(struct board *b, const struct item *it, int consumer,
    int sink)
{
	uint32_t	n;

	n = atomic_fetch_add(&b->nconsumed, 1);
	if (n < CONSUMED_MAX) {
		b->consumed[n].seq = it->seq;
		b->consumed[n].producer = it->producer;
		b->consumed[n].consumer = (uint16_t)consumer;
		b->consumed[n].marks = it->marks;
		b->consumed[n].sink = (int16_t)sink;
	}
}

void
worker_prepare(struct channel *const *chs, int nch, unsigned use,
    int index, bool keep_stderr)
{
	struct board_worker	*bw = &chs[0]->board->w[index];

	the_chs = chs;
	the_nch = nch;
	worker_signals();
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1 ||
	    getppid() != chs[0]->board->viewer)
		worker_leave(1);	/* the viewer died before we got here */
	worker_fds(chs, nch, use, keep_stderr);
	if (bw->name[0] != '\0')
		setproctitle("%s %s (graph)", role_name(bw->role), bw->name);
	else
		setproctitle("%s %d (%s)", role_name(bw->role), bw->id,
		    chs[0]->t->name);
	prctl(PR_SET_NAME, bw->role == ROLE_PRODUCER ? "ipcscope-prod" :
	    bw->role == ROLE_CONSUMER ? "ipcscope-cons" : "ipcscope-filt");
	sig_unblock_all();
}

void
worker_run(struct channel *ch, int index, bool keep_stderr)
{
	static struct channel	*one[1];
	struct worker		 w;
	struct board_worker	*bw = &ch->board->w[index];
	struct item		 got;

	one[0] = ch;
	worker_prepare(one, 1, 1, index, keep_stderr);
	memset(&w, 0, sizeof(w));
	w.ch = ch;
	w.board = ch->board;
	w.bw = bw;
	w.as = bw->role;
	w.chan_id = bw->id;
	w.item_start = true;
	/* The viewer stops the run when it sees failed: set it first. */
	if (ch->t->open(ch, &w) == -1) {
		bw->failed = WF_OPEN;
		worker_leave(1);
	}
	for (;;) {
		w.item_start = true;
		if (bw->role == ROLE_PRODUCER) {
			memset(&w.item, 0, sizeof(w.item));
			w.item.producer = (uint16_t)bw->id;
			if (ch->t->send(ch, &w.item, &w) == -1)
				break;
		} else {
			if (ch->t->recv(ch, &got, &w) == -1)
				break;
			worker_record(ch->board, &got, bw->id, -1);
			step_item(&w, NULL);
		}
		bw->done++;
	}
	/* Gone objects or a gone partner end a worker; a limit ends the run. */
	if (limits_hit(ch->t->phases[bw->phase].call, bw->last_errno))
		bw->failed = WF_LIMIT;
	if (ch->t->close != NULL)
		ch->t->close(ch);
	worker_leave(1);
}
