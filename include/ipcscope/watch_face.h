/* The watch face: its command-line values, its headless output, its run. */
#ifndef IPCSCOPE_WATCH_FACE_H
#define IPCSCOPE_WATCH_FACE_H

#include <stddef.h>

#include "config.h"
#include "watch.h"

#define WATCH_DELAY_DEFAULT_MS	500
#define WATCH_DELAY_MAX_MS	3600000L

/*
 * The values of watch's options, each refused in the words main.c uses
 * for a number (name is the option as the user wrote it): -d SECS ("0.5",
 * 0..3600) as ms, or -1; --key (0x1234 or 4660, 1..0xffffffff) into *key,
 * 0 or -1; --type and --name: printable ASCII without blanks, 0 or -1
 * (what they name is judged once the command is known).
 */
long	watch_delay_arg(const char *name, const char *, char *err, size_t);
int	watch_key_arg(const char *name, const char *, unsigned *key,
	    char *err, size_t);
int	watch_word_arg(const char *name, const char *, char *err, size_t);
/* --key/--id/--name/--type into f; 0, or -1 with why in err. */
int	watch_follow_args(const struct config *, struct watch_follow *,
	    char *err, size_t);
/* ipcscope watch: the screen, or --json / --once lines. Exit status. */
int	watch_main(const struct config *);
/* --once without --json: the list as a text table, like ipcs. */
void	watch_text_write(FILE *, const struct watch_list *,
	    const struct watch_follow *);

#endif
