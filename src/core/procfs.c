/* Reading /proc: the kernel's word on what a process is doing. */
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/procfs.h"

/* Read a small /proc file into buf; returns the length or -1. */
static ssize_t
read_small(const char *path, char *buf, size_t len)
{
	ssize_t	n;
	int	fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (-1);
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return (-1);
	buf[n] = '\0';
	return (n);
}

/*
 * A process's stat, wchan and syscall files, kept open: a frame reads
 * each with one pread(2) at offset 0 (the kernel makes the text afresh),
 * not an open, a read and a close. A descriptor outlives its process's
 * pid: once the process is reaped it reads ESRCH, and the pid is opened
 * afresh (it may be another process by then).
 */
enum { PF_STAT, PF_WCHAN, PF_SYSCALL, PF_N };
#define PROC_KEPT	(2 * 16 + 4)	/* the workers, and a few more */

static const char *const pf_name[PF_N] = { "stat", "wchan", "syscall" };

static struct proc_kept {
	pid_t	pid;			/* 0: a free entry */
	int	fd[PF_N];
} kept[PROC_KEPT];
static int	kept_next;		/* the entry to reuse when all are taken */

static void
kept_close(struct proc_kept *k)
{
	int	i;

	for (i = 0; i < PF_N; i++) {
		if (k->fd[i] != -1)
			close(k->fd[i]);
		k->fd[i] = -1;
	}
	k->pid = 0;
}

void
procfs_forget_all(void)
{
	int	i;

	for (i = 0; i < PROC_KEPT; i++)
		if (kept[i].pid != 0)
			kept_close(&kept[i]);
}

static struct proc_kept *
kept_open(pid_t pid)
{
	struct proc_kept	*k = NULL;
	char			 path[64];
	int			 i;

	for (i = 0; i < PROC_KEPT; i++) {
		if (kept[i].pid == pid)
			return (&kept[i]);
		if (k == NULL && kept[i].pid == 0)
			k = &kept[i];
	}
	if (k == NULL) {
		k = &kept[kept_next];
		kept_next = (kept_next + 1) % PROC_KEPT;
		kept_close(k);
	}
	for (i = 0; i < PF_N; i++) {
		snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid,
		    pf_name[i]);
		k->fd[i] = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (k->fd[PF_STAT] == -1) {
		kept_close(k);
		return (NULL);
	}
	k->pid = pid;
	return (k);
}

/* File which of pid into buf: its length, or -1 (the process is gone). */
static ssize_t
kept_read(pid_t pid, int which, char *buf, size_t len)
{
	struct proc_kept	*k;
	ssize_t			 n;
	int			 tries;

	for (tries = 0; tries < 2; tries++) {
		if ((k = kept_open(pid)) == NULL)
			return (-1);
		if (k->fd[which] == -1)
			return (-1);
		if ((n = pread(k->fd[which], buf, len - 1, 0)) >= 0) {
			buf[n] = '\0';
			return (n);
		}
		/* Reaped since: open the pid afresh, once. */
		kept_close(k);
	}
	return (-1);
}

/* The fields of /proc/PID/stat after "(comm)", which may hold spaces. */
static const char *
stat_after_comm(pid_t pid, char *buf, size_t len)
{
	char	*p;

	if (kept_read(pid, PF_STAT, buf, len) <= 0)
		return (NULL);
	if ((p = strrchr(buf, ')')) == NULL || p[1] == '\0')
		return (NULL);
	return (p + 2);
}

int
procfs_status(pid_t pid, struct proc_status *ps)
{
	char		 buf[1024];
	const char	*f;
	char		*end;
	int		 i;

	memset(ps, 0, sizeof(*ps));
	ps->state = '-';
	ps->syscall = -1;
	if ((f = stat_after_comm(pid, buf, sizeof(buf))) == NULL)
		return (-1);
	ps->state = f[0];
	/* starttime is field 22; f starts at field 3 (state). */
	for (i = 3; i < 22 && f != NULL; i++)
		if ((f = strchr(f, ' ')) != NULL)
			f++;
	if (f != NULL)
		ps->starttime = strtoull(f, NULL, 10);

	if (kept_read(pid, PF_WCHAN, buf, sizeof(buf)) > 0 &&
	    strcmp(buf, "0") != 0)
		strlcpy(ps->wchan, buf, sizeof(ps->wchan));

	if (kept_read(pid, PF_SYSCALL, buf, sizeof(buf)) > 0 &&
	    strncmp(buf, "running", 7) != 0) {
		ps->syscall = strtol(buf, &end, 10);
		if (end == buf)
			ps->syscall = -1;
	}
	return (0);
}

bool
procfs_asleep(pid_t pid)
{
	char		 buf[1024];
	const char	*f;

	if ((f = stat_after_comm(pid, buf, sizeof(buf))) == NULL)
		return (false);
	return (f[0] == 'S');
}

unsigned long long
procfs_starttime(pid_t pid)
{
	struct proc_status	ps;

	if (procfs_status(pid, &ps) == -1)
		return (0);
	return (ps.starttime);
}

bool
procfs_maps_has(pid_t pid, const char *needle)
{
	char	 path[64], *line = NULL;
	size_t	 cap = 0;
	bool	 found = false;
	FILE	*f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	if ((f = fopen(path, "re")) == NULL)
		return (false);
	while (!found && getline(&line, &cap, f) != -1)
		found = strstr(line, needle) != NULL;
	free(line);
	fclose(f);
	return (found);
}

long
procfs_sysctl(const char *path)
{
	char	buf[64];

	if (read_small(path, buf, sizeof(buf)) <= 0)
		return (-1);
	return (strtol(buf, NULL, 10));
}

int
procfs_sysctl_fields(const char *path, unsigned long long *v, int n)
{
	char	 buf[256], *p, *end;
	int	 i;

	if (read_small(path, buf, sizeof(buf)) <= 0)
		return (-1);
	for (p = buf, i = 0; i < n; i++, p = end) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p < '0' || *p > '9')
			break;
		v[i] = strtoull(p, &end, 10);
	}
	return (i);
}

long
procfs_nfds(void)
{
	struct dirent	*de;
	DIR		*d;
	long		 n = 0;

	if ((d = opendir("/proc/self/fd")) == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return (n - 1);		/* not the one opendir holds */
}

long
procfs_tasks(void)
{
	char	 buf[128], *slash;

	/* "0.09 0.21 0.15 1/84 19879": runnable/total tasks, 4th field. */
	if (read_small("/proc/loadavg", buf, sizeof(buf)) <= 0 ||
	    (slash = strchr(buf, '/')) == NULL)
		return (-1);
	return (strtol(slash + 1, NULL, 10));
}

static unsigned long
ns_inode(const char *path)
{
	struct stat	st;

	if (stat(path, &st) == -1)
		return (0);
	return ((unsigned long)st.st_ino);
}

unsigned long
procfs_ipc_ns(void)
{
	return (ns_inode("/proc/self/ns/ipc"));
}

unsigned long
procfs_pid_ns(void)
{
	return (ns_inode("/proc/self/ns/pid"));
}
