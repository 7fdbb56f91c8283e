#!/bin/sh
grep -qx hello /srv/notes/first
