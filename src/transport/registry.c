/* The transports, in the order `t` cycles through them. */
#include <stddef.h>
#include <string.h>

#include "ipcscope/transport.h"

extern const struct transport transport_sysv_shm;
extern const struct transport transport_posix_shm;
extern const struct transport transport_sysv_msg;
extern const struct transport transport_posix_mq;
extern const struct transport transport_pipe;
extern const struct transport transport_fifo;
extern const struct transport transport_unix_stream;
extern const struct transport transport_unix_dgram;

const struct transport *const transports[] = {
	&transport_sysv_shm,
	&transport_posix_shm,
	&transport_sysv_msg,
	&transport_posix_mq,
	&transport_pipe,
	&transport_fifo,
	&transport_unix_stream,
	&transport_unix_dgram,
	NULL
};

const struct transport *
transport_find(const char *name)
{
	int	i;

	for (i = 0; transports[i] != NULL; i++)
		if (strcmp(transports[i]->name, name) == 0)
			return (transports[i]);
	return (NULL);
}

const struct transport *
transport_next(const struct transport *t)
{
	int	i;

	for (i = 0; transports[i] != NULL; i++)
		if (transports[i] == t)
			return (transports[i + 1] != NULL ? transports[i + 1] :
			    transports[0]);
	return (transports[0]);
}
