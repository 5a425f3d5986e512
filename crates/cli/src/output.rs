//! Writing to stdout without panicking when the reader goes away
//! (`ecs-atlas check … | head`): a closed pipe ends the program quietly.

use std::io::{self, Write};

pub fn print(text: &str) {
    let mut stdout = io::stdout().lock();
    if let Err(error) = stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush()) {
        if error.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("ecs-atlas: cannot write output: {error}");
        std::process::exit(2);
    }
}

pub fn println(text: &str) {
    print(&format!("{text}\n"));
}

/// `println!` that survives a closed pipe.
macro_rules! outln {
    () => {
        $crate::output::println("")
    };
    ($($arg:tt)*) => {
        $crate::output::println(&format!($($arg)*))
    };
}

/// `print!` that survives a closed pipe.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::output::print(&format!($($arg)*))
    };
}

pub(crate) use {out, outln};
