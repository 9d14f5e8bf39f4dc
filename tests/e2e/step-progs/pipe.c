/* step's test program: a pipe, a fork, the child writes, the parent reads. */
#include <sys/wait.h>

#include <string.h>
#include <unistd.h>

int
main(void)
{
	char	buf[16];
	int	fd[2], st;
	pid_t	pid;

	if (pipe(fd) == -1) /* LINE:pipe */
		return (1);
	if ((pid = fork()) == 0) {
		close(fd[0]);
		write(fd[1], "hi", 2); /* LINE:write */
		_exit(0);
	}
	close(fd[1]);
	read(fd[0], buf, sizeof(buf)); /* LINE:read */
	waitpid(pid, &st, 0);
	return (0);
}
