/* Prints ftok(path, proj) as 0x%08x: the key the programs will use. */
#include <sys/ipc.h>

#include <stdio.h>
#include <stdlib.h>

int
main(int argc, char *argv[])
{
	key_t	key;

	if (argc != 3 || (key = ftok(argv[1], argv[2][0])) == -1) {
		perror("ftok");
		exit(1);
	}
	printf("0x%08x\n", (unsigned)key);
	return (0);
}
