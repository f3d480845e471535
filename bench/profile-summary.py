#!/usr/bin/env python3
"""Summarises an async-profiler CPU profile of the hub in collapsed form (see bench/README.md, "Profiling the
hub"): shares of the samples by thread (numbers folded, so pools read as one), and for the HTTP request threads
by the first frame of the hub's own code (the pipeline step) and by the innermost library on the stack.
usage: bench/profile-summary.py profile.collapsed > summary.md"""
import collections
import re
import sys

LIBRARIES = [
    ("embedded store (mongo-java-server, H2)", ["de/bwaldvogel", "org/h2/"]),
    ("MongoDB driver", ["com/mongodb/"]),
    ("schema validation (networknt)", ["com/networknt/"]),
    ("JSLT mapping", ["com/schibsted/spt/data/jslt"]),
    ("Jackson", ["com/fasterxml/jackson"]),
    ("crypto (HMAC, digest)", ["javax/crypto", "sun/security", "com/sun/crypto"]),
    ("Tomcat, Spring web", ["org/apache/tomcat", "org/apache/catalina", "org/apache/coyote", "org/springframework/web"]),
    ("Micrometer", ["io/micrometer"]),
    ("logging", ["ch/qos/logback", "org/slf4j"]),
    ("Lettuce, Netty", ["io/lettuce", "io/netty"]),
    ("Camel", ["org/apache/camel/"]),
    ("hub code", ["io/orderhub/"]),
]


def library(frames):
    for frame in reversed(frames):
        for name, patterns in LIBRARIES:
            if any(p in frame for p in patterns):
                return name
    return "JDK, other"


def step(frames):
    for frame in frames:
        if "io/orderhub" in frame and "Filter" not in frame:
            name = re.sub(r"\$\$Lambda.*", " (lambda)", frame)
            return re.sub(r"\.[a-zA-Z_$<>]+$", "", name) if "(lambda)" not in name else name
    return "outside the hub's steps (servlet, Camel)"


def table(title, counter, total):
    print(f"\n| {title} | share |\n| --- | ---: |")
    for key, n in counter.most_common(15):
        print(f"| {key} | {100 * n / total:.1f} % |")


def main(path):
    total = 0
    threads = collections.Counter()
    steps = collections.Counter()
    libraries = collections.Counter()
    requests = 0
    for line in open(path):
        stack, n = line.rstrip("\n").rsplit(" ", 1)
        n = int(n)
        frames = stack.split(";")
        thread = re.sub(r" tid=\d+\]", "]", re.sub(r"\d+", "N", frames[0]))
        total += n
        threads[thread] += n
        if re.match(r"\[http-", frames[0]):
            requests += n
            steps[step(frames)] += n
            libraries[library(frames)] += n
    print(f"{total:,} samples")
    table("thread (all the hub's CPU)", threads, total)
    table(f"request threads ({100 * requests / total:.0f} % of the CPU): first hub frame on the stack", steps, requests)
    table("request threads: innermost library on the stack", libraries, requests)


if __name__ == "__main__":
    main(sys.argv[1])
