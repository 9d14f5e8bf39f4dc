/*
 * pipe_lesson.c -- a pipe between a parent and its child, and how each
 * end's closing is seen at the other end.
 *
 *   1. The parent writes two pages into a pipe that holds one: the
 *      second write waits until the child reads. Then the parent closes
 *      its end, and the child's read returns 0: end of file.
 *   2. A second pipe and a second child: the child reads once and closes
 *      its end. The parent's next write has no reader: the kernel sends
 *      SIGPIPE, which this parent ignores, so write fails with EPIPE.
 *
 * Build: cc -g -O0 -o pipe_lesson pipe_lesson.c
 */
#define _GNU_SOURCE		/* F_SETPIPE_SZ */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PAGE	4096		/* the smallest pipe the kernel makes */

/* The child of part 1: reads until end of file. */
static void
reader(int fd[2])
{
	char	buf[PAGE];
	ssize_t	n;

	close(fd[1]);		/* the reader never writes */
	while ((n = read(fd[0], buf, sizeof(buf))) > 0)
		printf("child: read %zd bytes\n", n);
	printf("child: read returned %zd: end of file\n", n);
	close(fd[0]);
	_exit(0);
}

/* The child of part 2: reads once, then closes its end. */
static void
reader_once(int fd[2])
{
	char	buf[64];
	ssize_t	n;

	close(fd[1]);
	n = read(fd[0], buf, sizeof(buf));
	printf("child: read %zd bytes, and closes the pipe\n", n);
	close(fd[0]);		/* no reader is left */
	_exit(0);
}

int
main(void)
{
	static char	page[PAGE];
	int		fd[2];
	pid_t		pid;

	/* Without this, SIGPIPE would kill us at the last write. */
	signal(SIGPIPE, SIG_IGN);

	/* Part 1: end of file. */
	if (pipe(fd) == -1) {
		perror("pipe");
		return (1);
	}
	fcntl(fd[1], F_SETPIPE_SZ, PAGE);	/* a pipe of one page */
	if ((pid = fork()) == -1) {
		perror("fork");
		return (1);
	}
	if (pid == 0)
		reader(fd);
	close(fd[0]);		/* the writer never reads */
	memset(page, 'x', sizeof(page));
	write(fd[1], page, sizeof(page));	/* fills the pipe */
	write(fd[1], page, sizeof(page));	/* waits for the reader */
	close(fd[1]);		/* the reader will see end of file */
	waitpid(pid, NULL, 0);

	/* Part 2: a write with no reader. */
	if (pipe(fd) == -1) {
		perror("pipe");
		return (1);
	}
	if ((pid = fork()) == -1) {
		perror("fork");
		return (1);
	}
	if (pid == 0)
		reader_once(fd);
	close(fd[0]);
	write(fd[1], "hello", 5);
	waitpid(pid, NULL, 0);	/* the child has closed its end */
	if (write(fd[1], "anyone?", 7) == -1)
		printf("parent: write failed: %s\n", strerror(errno));
	close(fd[1]);
	return (0);
}
