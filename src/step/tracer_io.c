/*
 * The tracer's reading: the programs' terminals, the tracees' memory,
 * and /proc's word on where each process is.
 */
#include <sys/uio.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#define LIBBSD_OPENBSD_VIS	/* strnvisx() as OpenBSD has it */
#include <vis.h>

#include "ipcscope/procfs.h"
#include "tracer_int.h"

ssize_t
tracer_peek(void *pidp, unsigned long addr, void *buf, size_t n)
{
	struct iovec	local = { buf, n };
	struct iovec	remote = { (void *)addr, n };
	pid_t		pid = *(pid_t *)pidp;

	return (process_vm_readv(pid, &local, 1, &remote, 1, 0));
}

/* Keep the last TRACE_OUTPUT - 1 bytes of what prog printed, visible. */
static void
output_add(struct tr_prog *pr, const char *b, size_t n)
{
	char	vis[4 * 512 + 1];
	size_t	len, keep = sizeof(pr->out) - 1;

	/* \n and \t stay as they are; an escape cannot reach a screen. */
	strnvisx(vis, sizeof(vis), b, n, VIS_SAFE | VIS_NOSLASH);
	len = strlen(vis);
	if (len > keep) {
		memmove(vis, vis + len - keep, keep + 1);
		len = keep;
	}
	if (pr->outlen + len > keep) {
		memmove(pr->out, pr->out + (pr->outlen + len - keep),
		    keep - len);
		pr->outlen = keep - len;
	}
	memcpy(pr->out + pr->outlen, vis, len);
	pr->outlen += len;
	pr->out[pr->outlen] = '\0';
}

void
tracer_read_ptys(struct tracer *t)
{
	struct tr_prog	*pr;
	char		 b[512];
	ssize_t		 n;
	int		 i;

	for (i = 0; i < t->nprogs; i++) {
		pr = &t->progs[i];
		while (pr->pty != -1) {
			n = read(pr->pty, b, sizeof(b) - 1);
			if (n > 0) {
				b[n] = '\0';
				output_add(pr, b, (size_t)n);
				continue;
			}
			if (n == -1 && (errno == EAGAIN || errno == EINTR))
				break;
			/* EIO: no process holds the terminal any more. */
			close(pr->pty);
			pr->pty = -1;
		}
	}
}

void
tracer_refresh_comm(struct tracer *t, int i)
{
	char	path[64];
	FILE	*f;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)t->procs[i].pid);
	if ((f = fopen(path, "r")) == NULL)
		return;
	if (fgets(t->procs[i].comm, sizeof(t->procs[i].comm), f) != NULL)
		t->procs[i].comm[strcspn(t->procs[i].comm, "\n")] = '\0';
	fclose(f);
}

void
tracer_refresh(struct tracer *t)
{
	struct proc_status	ps;
	struct tr_proc		*p;
	int			 i;

	for (i = 0; i < t->nprocs; i++) {
		p = &t->procs[i];
		if (p->state != TR_IN_CALL && p->state != TR_RUNNING)
			continue;
		if (procfs_status(p->pid, &ps) == -1)
			continue;
		p->kstate = ps.state;
		strlcpy(p->wchan, ps.state == 'S' ? ps.wchan : "",
		    sizeof(p->wchan));
	}
}
