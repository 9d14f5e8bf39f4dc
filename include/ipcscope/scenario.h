/*
 * Scenario files (--scenario FILE): a prepared demo. A title, settings
 * that are the command line's long options by another spelling ("slots 4"
 * is --slots 4), then a script of steps, each naming the worker that
 * moves, with captions and pause marks. The format is in the man page,
 * section SCENARIOS. The parser knows no option: the caller says which
 * names are settings, and applies their values itself.
 */
#ifndef IPCSCOPE_SCENARIO_H
#define IPCSCOPE_SCENARIO_H

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>

#define SCN_FILE_MAX		(64 * 1024)	/* bytes in a file */
#define SCN_LINE_MAX		1024		/* bytes on a line */
#define SCN_TITLE_MAX		96
#define SCN_CAPTION_MAX		160
#define SCN_NAME_MAX		48		/* a setting's name */
#define SCN_VALUE_MAX		256
#define SCN_SETTINGS_MAX	32
#define SCN_COMMANDS_MAX	1024
#define SCN_REPEAT_MAX		999		/* step P1 N */
#define SCN_EXT			".scn"
#define SCN_WHO_MAX		8		/* a worker's label, as "F2" */

enum scn_op {
	SCN_STEP,		/* grant the worker `count` permits, one by one */
	SCN_KILL,		/* SIGKILL the worker */
	SCN_CAPTION,		/* show text from here on */
	SCN_PAUSE		/* a mark: hand control to the teacher */
};

struct scn_setting {
	char	name[SCN_NAME_MAX];	/* the long option, without "--" */
	char	value[SCN_VALUE_MAX];
	bool	has_value;
	int	line, col;		/* of the name */
};

struct scn_command {
	enum scn_op	op;
	int		role;		/* enum role, for step and kill; -1:
					 * a --graph label, as F2 */
	int		id;		/* 1-based within the role */
	char		who[SCN_WHO_MAX];	/* the worker as written */
	int		count;		/* step: how many permits */
	char		text[SCN_CAPTION_MAX];	/* caption */
	int		line, col;	/* of the word; the worker's: wcol */
	int		wcol;
};

struct scenario {
	char			 title[SCN_TITLE_MAX];
	int			 nsettings;
	struct scn_setting	 settings[SCN_SETTINGS_MAX];
	int			 ncommands;
	struct scn_command	 commands[SCN_COMMANDS_MAX];
	int			 nmarks;	/* pause lines */
};

/* What a setting's name is, as the caller's option table says. */
enum scn_kind {
	SCN_NOT_OPTION,		/* no such option */
	SCN_CMDLINE_ONLY,	/* an option, but not one a scenario sets */
	SCN_FLAG,		/* an option without a value */
	SCN_VALUED		/* an option with one */
};
typedef enum scn_kind	(*scn_lookup)(const char *name);

/*
 * Parse text (len bytes, from file; the name is used in errors only).
 * 0, or -1 with one line in err: "FILE:LINE:COL: expected ..., found ...",
 * every outside byte made visible. Nothing to free either way.
 */
int	scenario_parse(const char *text, size_t len, const char *file,
	    scn_lookup, struct scenario *, char *err, size_t errlen);
/* Read and parse a file; open and read errors say the file and why. */
int	scenario_load(const char *path, scn_lookup, struct scenario *,
	    char *err, size_t errlen);
/*
 * Every worker the script names exists in a run of producers and
 * consumers (the settings decided): 0, or -1 with the line as above.
 */
int	scenario_check_workers(const struct scenario *, const char *file,
	    int producers, int consumers, char *err, size_t errlen);
struct graph;
/*
 * With --graph: every worker the script names is the label of exactly
 * one of the graph's processes (P, F2: graph_label()), checked before
 * anything is made. 0, or -1 with the line as above.
 */
int	scenario_check_graph(const struct scenario *, const char *file,
	    const struct graph *, char *err, size_t errlen);

/*
 * Where the shipped scenarios are: next to the build (assets/scenarios
 * above the binary's directory) or installed (share/ipcscope/scenarios
 * beside its bin, then IPCSCOPE_SCENARIO_DIR as built). 0 with the
 * directory in dir, or -1.
 */
int	scenario_dir(char *dir, size_t len);
/* --list-scenarios: each shipped scenario's name and title, one a line,
 * sorted by name; one that does not load says so. 0, or -1 with why. */
int	scenario_list(FILE *, scn_lookup, char *err, size_t errlen);
/*
 * The file --scenario ARG names: ARG itself when it holds a '/' or ends
 * in .scn, else NAME.scn in scenario_dir(). 0, or -1 with why in err.
 */
int	scenario_path(const char *arg, char *path, size_t len, char *err,
	    size_t errlen);

#endif
