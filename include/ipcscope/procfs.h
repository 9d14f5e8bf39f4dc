/* What /proc says about a process: the kernel's word on who is asleep where. */
#ifndef IPCSCOPE_PROCFS_H
#define IPCSCOPE_PROCFS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct proc_status {
	char		state;		/* R, S, D, T, Z; '-' if gone */
	char		wchan[48];	/* "" when running */
	long		syscall;	/* number it sleeps in; -1 if running */
	unsigned long long starttime;	/* clock ticks after boot */
};

/* 0, or -1 if the process is gone. */
int	procfs_status(pid_t, struct proc_status *);
/* Close the /proc files procfs_status keeps open (the session's end). */
void	procfs_forget_all(void);
/* Asleep in a system call (state S). */
bool	procfs_asleep(pid_t);
/* Process start time, to tell a pid from a reused one; 0 if gone. */
unsigned long long procfs_starttime(pid_t);
/* Does /proc/PID/maps name this file (a "/dev/shm/NAME" or "/SYSV%08x")? */
bool	procfs_maps_has(pid_t, const char *needle);
/* A number from a /proc/sys file (a kernel limit); -1 if unreadable. */
long	procfs_sysctl(const char *path);
/* Up to n unsigned numbers from a /proc/sys file ("32000 1024000000 500
 * 32000" in kernel/sem); how many were read, -1 if unreadable. */
int	procfs_sysctl_fields(const char *path, unsigned long long *, int n);
/* This process's open descriptors; -1 if /proc cannot say. */
long	procfs_nfds(void);
/* Tasks (threads) on the machine, from /proc/loadavg; -1 if unreadable. */
long	procfs_tasks(void);
/* The inode of /proc/self/ns/ipc: which IPC namespace we are in. */
unsigned long procfs_ipc_ns(void);
/* The inode of /proc/self/ns/pid: the PID namespace our pids mean. */
unsigned long procfs_pid_ns(void);

#endif
