/* A small JSON writer: enough for one object per line, nothing more. */
#ifndef IPCSCOPE_JSON_H
#define IPCSCOPE_JSON_H

#include <stdbool.h>
#include <stdio.h>

struct json {
	FILE	*f;
	int	 depth;
	bool	 first[16];	/* no comma before the first member */
};

void	json_begin(struct json *, FILE *);
void	json_obj(struct json *, const char *key);	/* key NULL inside an array */
void	json_obj_end(struct json *);
void	json_arr(struct json *, const char *key);
void	json_arr_end(struct json *);
void	json_str(struct json *, const char *key, const char *);
void	json_int(struct json *, const char *key, long long);
void	json_real(struct json *, const char *key, double);
void	json_bool(struct json *, const char *key, bool);
void	json_null(struct json *, const char *key);
void	json_end(struct json *);	/* newline, flush */

#endif
