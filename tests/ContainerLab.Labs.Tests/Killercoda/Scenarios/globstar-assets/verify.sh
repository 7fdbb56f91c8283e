#!/bin/sh
# What Killercoda's globstar places (each file keeps only its name in its target):
[ "$(ls /top | tr '\n' ' ')" = "readme.txt top.json " ] || { echo "/top: $(ls /top)"; exit 1; }
[ "$(ls /every | tr '\n' ' ')" = "app.json app.yaml blob.bin readme.txt rows.json top.json " ] || { echo "/every: $(ls /every)"; exit 1; }
[ "$(ls /json | tr '\n' ' ')" = "app.json rows.json top.json " ] || { echo "/json: $(ls /json)"; exit 1; }
[ "$(ls /one-below | tr '\n' ' ')" = "app.json " ] || { echo "/one-below: $(ls /one-below)"; exit 1; }
[ "$(ls /web-json | tr '\n' ' ')" = "app.json rows.json " ] || { echo "/web-json: $(ls /web-json)"; exit 1; }
[ "$(ls /all | wc -l)" -eq 7 ] && [ -x /all/run ] || { echo "/all: $(ls /all)"; exit 1; }
cmp -s /every/blob.bin /all/blob.bin || { echo "blob.bin differs"; exit 1; }
test -f /tmp/listed
