/* Makes POSIX queue NAME holding N messages, or (N = -1) removes it. */
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char *argv[])
{
	struct mq_attr	a = { .mq_maxmsg = 4, .mq_msgsize = 64 };
	mqd_t		q;
	int		i, n;

	if (argc != 3)
		exit(2);
	if ((n = atoi(argv[2])) < 0)
		return (mq_unlink(argv[1]) == 0 ? 0 : 1);
	if ((q = mq_open(argv[1], O_CREAT | O_WRONLY, 0600, &a)) == (mqd_t)-1) {
		perror("mq_open");
		exit(1);
	}
	for (i = 0; i < n; i++)
		if (mq_send(q, "hello", 5, 0) == -1) {
			perror("mq_send");
			exit(1);
		}
	return (0);
}
