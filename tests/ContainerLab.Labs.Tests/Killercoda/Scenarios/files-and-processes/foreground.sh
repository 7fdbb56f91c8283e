#!/bin/sh
cd /root && ls -l
