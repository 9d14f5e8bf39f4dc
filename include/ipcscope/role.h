/* What a worker is: a producer or a consumer. */
#ifndef IPCSCOPE_ROLE_H
#define IPCSCOPE_ROLE_H

enum role {
	ROLE_PRODUCER,
	ROLE_CONSUMER,
	ROLE_FILTER		/* --graph: reads one buffer, writes the next */
};

/* "producer", "consumer". */
const char	*role_name(enum role);

#endif
