package main

import (
	"flag"
	"strings"
)

// parseInterspersed parses args like fs.Parse, except that flags may come after the file
// arguments: `hookcheck validate recorded/*.json -strict` is read as the same command as
// `hookcheck validate -strict recorded/*.json`.
//
// The standard flag package stops at the first argument that is not a flag, so the -strict above
// would be taken as a second file name, and the run would validate leniently and then fail on a
// missing file: a verdict without the option the user asked for, easy to misread in CI.
// Rejecting the late flag with a usage error would be safe too, but it makes the user retype a
// command whose meaning is plain, and shell history, xargs and CI templates append flags at the
// end all the time; accepting it is what most command-line tools do.
//
// "--" ends the flags: every argument after it is a file, even one that starts with "-" (a file
// named "-strict"). A lone "-" is standard input, as before. Afterwards fs.Args and fs.NArg give
// the file arguments in their order; a flag error is fs.Parse's, printed by it.
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var flags, files []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			files = append(files, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			files = append(files, a)
			continue
		}
		flags = append(flags, a)
		// The same reading as package flag: -name=value and a boolean flag are one argument,
		// any other flag takes the next argument as its value, whatever it looks like.
		name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		if strings.Contains(name, "=") || isBoolFlag(fs, name) || fs.Lookup(name) == nil {
			continue // an unknown flag: fs.Parse reports it below
		}
		if i+1 == len(args) {
			return fs.Parse(flags) // the value is missing: fs.Parse says so
		}
		i++
		flags = append(flags, args[i])
	}
	return fs.Parse(append(append(flags, "--"), files...))
}

func isBoolFlag(fs *flag.FlagSet, name string) bool {
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}
