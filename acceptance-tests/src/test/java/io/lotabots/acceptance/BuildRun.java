package io.lotabots.acceptance;

/**
 * One finished build: its job, number, result and console.
 */
record BuildRun(String job, int number, String result, ConsoleOutput console) {
    @Override
    public String toString() {
        return job + " #" + number + " " + result + ", console:\n" + console.text();
    }
}
