#!/bin/sh
! test -e /tmp/old.log
