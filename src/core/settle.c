/*
 * Settling: poll the workers until none will move by itself. The
 * sampler says what "still" is; settle_proc asks /proc.
 */
#include <string.h>
#include <time.h>

#include "ipcscope/clock.h"
#include "ipcscope/procfs.h"
#include "ipcscope/settle.h"

/* Asleep in the kernel (on its permit, or in the transport's call), or
 * dead: either way it will not move by itself, nor will what /proc says. */
static bool
proc_still(const struct board_worker *bw, void *arg)
{
	struct proc_status	ps;

	(void)arg;
	switch (bw->status) {
	case WS_FREE:
	case WS_EXITED:
		return (true);
	case WS_WAIT_PERMIT:	/* asleep on its permit, so /proc is steady */
	case WS_IN_STEP:
		if (procfs_status(bw->pid, &ps) == -1)
			return (true);
		/* S with no wait channel yet: still on its way off the CPU. */
		return ((ps.state == 'S' && ps.wchan[0] != '\0') ||
		    ps.state == 'Z' || ps.state == 'X');
	default:
		return (false);
	}
}

static unsigned long
board_signature(const struct board_worker *bw, void *arg)
{
	(void)arg;
	return (bw->steps * 8 + (unsigned long)bw->status);
}

const struct settle_sampler settle_proc = {
	.still = proc_still,
	.signature = board_signature,
	.arg = NULL,
};

int
settle(const struct board *b, const struct settle_sampler *sm, int granted,
    unsigned long before, int ms)
{
	unsigned long	 sig[WORKERS_MAX], prev[WORKERS_MAX];
	struct timespec	 nap = { 0, 200000 };
	long		 deadline = clock_ms() + ms;
	bool		 quiet, have_prev = false;
	int		 i;

	for (;;) {
		quiet = true;
		if (granted >= 0 && b->w[granted].status == WS_WAIT_PERMIT &&
		    b->w[granted].steps == before)
			quiet = false;	/* has not woken up for its permit */
		for (i = 0; quiet && i < WORKERS_MAX; i++) {
			quiet = sm->still(&b->w[i], sm->arg);
			sig[i] = sm->signature(&b->w[i], sm->arg);
		}
		if (quiet && have_prev && memcmp(sig, prev, sizeof(sig)) == 0)
			return (0);
		have_prev = quiet;
		memcpy(prev, sig, sizeof(sig));
		if (clock_ms() > deadline)
			return (-1);
		nanosleep(&nap, NULL);
	}
}
