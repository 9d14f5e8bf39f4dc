/* The sender: a queue under ftok(path, 'Q'), N messages of type 1. */
#include <sys/ipc.h>
#include <sys/msg.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct message {
	long	mtype;
	char	mtext[64];
};

int
main(int argc, char *argv[])
{
	struct message	m;
	key_t		key;
	int		msqid, i, n;

	if (argc != 3 || (key = ftok(argv[1], 'Q')) == -1) {
		perror("ftok");
		exit(1);
	}
	n = atoi(argv[2]);
	if ((msqid = msgget(key, IPC_CREAT | 0600)) == -1) {
		perror("msgget");
		exit(1);
	}
	for (i = 1; i <= n; i++) {
		m.mtype = 1;
		snprintf(m.mtext, sizeof(m.mtext), "message %d", i);
		if (msgsnd(msqid, &m, strlen(m.mtext) + 1, 0) == -1) {
			perror("msgsnd");
			exit(1);
		}
	}
	printf("sent %d to msqid %d\n", n, msqid);
	return (0);
}
