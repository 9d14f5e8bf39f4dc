/* The receiver: takes every message of the queue, then removes it. */
#include <sys/ipc.h>
#include <sys/msg.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

struct message {
	long	mtype;
	char	mtext[64];
};

int
main(int argc, char *argv[])
{
	struct message	m;
	key_t		key;
	int		msqid, n = 0;

	if (argc != 2 || (key = ftok(argv[1], 'Q')) == -1) {
		perror("ftok");
		exit(1);
	}
	if ((msqid = msgget(key, 0600)) == -1) {
		perror("msgget");
		exit(1);
	}
	while (msgrcv(msqid, &m, sizeof(m.mtext), 0, IPC_NOWAIT) != -1)
		n++;
	if (errno != ENOMSG)
		perror("msgrcv");
	msgctl(msqid, IPC_RMID, NULL);
	printf("received %d, removed msqid %d\n", n, msqid);
	return (0);
}
